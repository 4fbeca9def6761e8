import { Field, ObjectType } from 'type-graphql';
import { Organisation } from './Organisation';
import { SharingAgreement } from './SharingAgreement';

/** The caller, as its token says. */
@ObjectType({ description: 'The caller, from its verified token.' })
export class Viewer {
  @Field({ description: 'The person ("sub", or the claim the trust configuration names).' })
  subject: string;

  @Field(() => Organisation)
  organisation: Organisation;

  @Field(() => [String])
  roles: string[];

  @Field(() => [SharingAgreement], { description: "Agreements in force that let the caller's organisation read others' data." })
  grantsReceived?: SharingAgreement[];

  @Field(() => [SharingAgreement], { description: "Agreements in force on the caller's organisation's data." })
  grantsGiven?: SharingAgreement[];
}
