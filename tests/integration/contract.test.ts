import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub';
import { ROOT } from '../../platform/paths';

/** The contract in force (v2) and the one before it (v1), vendored beside the schemas; the shared copies when present. */
const CONTRACTS = {
  v2: { vendored: join(ROOT, 'schema', 'contract.graphql'), shared: join(ROOT, '..', 'shared', 'contract', 'schema.v2.graphql') },
  v1: { vendored: join(ROOT, 'schema', 'contract.v1.graphql'), shared: join(ROOT, '..', 'shared', 'contract', 'schema.graphql') },
};
const contractText = (v: keyof typeof CONTRACTS) =>
  readFileSync(existsSync(CONTRACTS[v].shared) ? CONTRACTS[v].shared : CONTRACTS[v].vendored, 'utf8');

let hub: TestHub;
let api: GraphQLSchema;
beforeAll(async () => {
  hub = await startTestHub();
  const res = await hub.query(getIntrospectionQuery());
  expect(res.errors).toBeUndefined();
  api = buildClientSchema(res.data);
});
afterAll(async () => {
  await hub?.stop();
});

/** Everything the contract names, as "Type.field(arg): Type" lines, for one readable diff. */
function surface(schema: GraphQLSchema, only?: GraphQLSchema): string[] {
  const lines: string[] = [];
  const names = Object.keys((only ?? schema).getTypeMap()).filter((n) => !n.startsWith('__'));
  for (const name of names) {
    const type: GraphQLNamedType | undefined = schema.getType(name);
    const reference = only?.getType(name);
    if (!type) {
      lines.push(`${name}: missing`);
      continue;
    }
    if (isScalarType(type)) lines.push(`scalar ${name}`);
    if (isEnumType(type)) {
      const wanted = reference && isEnumType(reference) ? reference.getValues().map((v) => v.name) : type.getValues().map((v) => v.name);
      const have = new Set(type.getValues().map((v) => v.name));
      for (const v of wanted) lines.push(`enum ${name}.${v}${have.has(v) ? '' : ': missing'}`);
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const fields = type.getFields() as Record<string, any>;
      const wanted = reference && 'getFields' in reference ? Object.keys((reference as any).getFields()) : Object.keys(fields);
      for (const f of wanted) {
        const field = fields[f];
        if (!field) {
          lines.push(`${name}.${f}: missing`);
          continue;
        }
        const refField = reference && (reference as any).getFields()[f];
        const args = (refField?.args ?? field.args ?? []).map((a: any) => {
          const mine = (field.args ?? []).find((x: any) => x.name === a.name);
          return `${a.name}: ${mine ? String(mine.type) : 'missing'}`;
        });
        lines.push(`${name}.${f}${args.length ? `(${args.join(', ')})` : ''}: ${String(field.type)}`);
      }
    }
  }
  return lines.sort();
}

describe('the public contract', () => {
  for (const v of ['v2', 'v1'] as const) {
    it(`the vendored copy of ${v} is the shared contract`, () => {
      const { vendored, shared } = CONTRACTS[v];
      if (!existsSync(shared)) return expect(existsSync(vendored)).toBe(true);
      expect(readFileSync(vendored, 'utf8')).toBe(readFileSync(shared, 'utf8'));
    });
  }

  it('the gateway API schema contains every type, field, argument and enum value of contract v2, with the same nullability', () => {
    const contract = buildSchema(contractText('v2'));
    expect(surface(api, contract)).toEqual(surface(contract));
  });

  it('contract v1 stays a subset: the gateway API has all of it, and v2 keeps every v1 item', () => {
    const v1 = buildSchema(contractText('v1'));
    expect(surface(api, v1)).toEqual(surface(v1));
    expect(surface(buildSchema(contractText('v2')), v1)).toEqual(surface(v1));
  });

  for (const v of ['v2', 'v1'] as const) {
    it(`every ${v} contract argument keeps its default value`, () => {
      const contract = buildSchema(contractText(v));
      const defaults: string[] = [];
      const mine: string[] = [];
      for (const type of Object.values(contract.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) {
            if (arg.defaultValue === undefined) continue;
            defaults.push(`${type.name}.${field.name}(${arg.name}) = ${JSON.stringify(arg.defaultValue)}`);
            const apiArg = (api.getType(type.name) as any)?.getFields()[field.name]?.args.find((a: any) => a.name === arg.name);
            mine.push(`${type.name}.${field.name}(${arg.name}) = ${JSON.stringify(apiArg?.defaultValue)}`);
          }
        }
      }
      expect(mine).toEqual(defaults);
    });
  }
});
