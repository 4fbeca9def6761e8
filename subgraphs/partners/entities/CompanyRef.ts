import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ChinaStatus, CleantechDomain } from '../../kit/domain';
import { PartnerMatch } from './PartnerMatch';

/**
 * Stub of the companies subgraph's Company. This subgraph stores nothing about
 * companies: the gateway fetches `cleantechDomains` and `chinaStatus` from the
 * owner (@external) and hands them over in the representation (@requires), so
 * `suggestedPartners` is computed without reading another organisation's data.
 * `suggestedPartners` is resolved in CompanySuggestedPartnersResolver.
 */
@Directive('@key(fields: "id")')
@ObjectType('Company')
export class CompanyRef {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => [CleantechDomain])
  cleantechDomains: CleantechDomain[];

  @Directive('@external')
  @Field(() => ChinaStatus)
  chinaStatus: ChinaStatus;

  @Directive('@requires(fields: "cleantechDomains chinaStatus")')
  @Field(() => [PartnerMatch], { description: 'Chengdu partners that fit this company, best first (see docs/matchmaking.md).' })
  suggestedPartners?: PartnerMatch[];
}
