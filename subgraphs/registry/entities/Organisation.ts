import { Field, ID, ObjectType } from 'type-graphql';
import { DataSet, Jurisdiction } from '../../../platform/organisations';
import type { OrganisationTrust } from '../../../platform/trust';

/** An organisation of the trust configuration, as the API shows it (read-only). */
@ObjectType({ description: 'An organisation of the hub, from its trust configuration.' })
export class Organisation {
  @Field(() => ID, { description: 'vlaams-brabant, smart-hub, chengdu, …' })
  id: string;

  @Field()
  name: string;

  @Field(() => Jurisdiction)
  jurisdiction: Jurisdiction;

  @Field({ description: 'The token issuer that speaks for this organisation.' })
  issuer: string;

  @Field(() => [DataSet], { description: 'The data sets it owns.' })
  dataSets: DataSet[];

  static of(o: OrganisationTrust): Organisation {
    return Object.assign(new Organisation(), {
      id: o.id,
      name: o.name,
      jurisdiction: o.jurisdiction,
      issuer: o.issuer,
      dataSets: o.dataSets,
    });
  }
}
