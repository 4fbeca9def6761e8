import { Field, Float, ObjectType } from 'type-graphql';
import { CleantechDomain } from '../../kit/domain';
import { Partner } from './Partner';

/** One suggestion of Company.suggestedPartners; see matchmaking.ts for the score. */
@ObjectType({ description: 'A Chengdu partner suggested for a company, with how well it fits.' })
export class PartnerMatch {
  @Field(() => Partner)
  partner: Partner;

  @Field(() => Float, { description: '0..1, higher is a better match (see docs/matchmaking.md).' })
  score: number;

  @Field(() => [CleantechDomain], { description: 'The cleantech domains the company and the partner share, sorted.' })
  sharedDomains: CleantechDomain[];
}
