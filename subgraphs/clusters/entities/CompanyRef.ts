import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the companies subgraph's Company: this subgraph knows only its id.
 * `clusters` is contributed in ClusterResolver.
 */
@Directive('@key(fields: "id")')
@ObjectType('Company')
export class CompanyRef {
  @Field(() => ID)
  id: string;
}
