import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the partners subgraph's Partner: this subgraph knows only its id.
 * `projects` is contributed in ProjectResolver.
 */
@Directive('@key(fields: "id")')
@ObjectType('Partner')
export class PartnerRef {
  @Field(() => ID)
  id: string;
}
