import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the companies subgraph's Company: this subgraph knows only its id.
 * `projects` is contributed in ProjectResolver, `assessments` in AssessmentResolver.
 */
@Directive('@key(fields: "id")')
@ObjectType('Company')
export class CompanyRef {
  @Field(() => ID)
  id: string;
}
