import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { entityKeys, representationProblem } from '../../subgraphs/kit/federation';

const keys = entityKeys(
  parse(`
    type Company @key(fields: "id") { id: ID! }
    type Project @key(fields: "id") { id: ID! title: String }
    type Pair @key(fields: "a b") { a: ID! b: ID! }
    type Plain { x: Int }
  `),
);

describe('_entities representations', () => {
  it('reads the key fields of every entity from the SDL', () => {
    expect([...keys.entries()]).toEqual([
      ['Company', ['id']],
      ['Project', ['id']],
      ['Pair', ['a', 'b']],
    ]);
  });

  it('accepts a representation of an entity with its key fields', () => {
    expect(representationProblem({ __typename: 'Company', id: 'x' }, keys)).toBeUndefined();
    expect(representationProblem({ __typename: 'Pair', a: '1', b: '2', extra: [1] }, keys)).toBeUndefined();
  });

  it('says what is wrong with every other one', () => {
    expect(representationProblem('Company', keys)).toMatch(/must be an object/);
    expect(representationProblem(null, keys)).toMatch(/must be an object/);
    expect(representationProblem([], keys)).toMatch(/must be an object/);
    expect(representationProblem({ id: 'x' }, keys)).toMatch(/needs a __typename, one of Company, Project, Pair/);
    expect(representationProblem({ __typename: 'Plain', id: 'x' }, keys)).toMatch(/not an entity of this subgraph/);
    expect(representationProblem({ __typename: 'Company' }, keys)).toMatch(/key field id of Company as a string, got undefined/);
    expect(representationProblem({ __typename: 'Company', id: null }, keys)).toMatch(/got null/);
    expect(representationProblem({ __typename: 'Pair', a: '1', b: 2 }, keys)).toMatch(/key field b/);
  });
});
