/**
 * The property-based fuzz suite's machinery (tests/integration/fuzz-*.test.ts).
 *
 * Model-free: the arbitraries are derived from the schema each endpoint
 * serves (introspected), so every argument of every query and mutation, and
 * every input field, gets values: mostly of the right type (with edges:
 * numbers at the limits, odd and huge strings, unicode, control characters,
 * forged ids, cursors and dates, names of the domain's identifiers), and now
 * and then of a wrong type (any JSON value, null, left out). Beside them:
 * malformed HTTP requests and `_entities` representations.
 *
 * The property: every answer is a well-formed GraphQL response (JSON, data
 * or errors), every error carries a client code, no answer is HTTP 5xx or
 * shows internals, and no rejected input writes a row. fast-check draws every
 * run from one seed, printed at the end and in any failure with the path of
 * the failing run, so `FUZZ_SEED=<seed>` replays it; it shrinks a failing
 * batch to the smallest one that still fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isAbstractType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { ROOT } from '../../platform/paths';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/services';
import { clientErrorProblem, post, type RawResponse } from './bad-input';
import { databaseState } from './expect';
import { forgeToken, token, type TestHub } from './hub';

export type Endpoint = 'gateway' | SubgraphName;

/** One generated request. */
export type FuzzCase =
  | {
      kind: 'graphql';
      endpoint: Endpoint;
      caller: string;
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
      /** The mutation it runs (root field alias `r`), if any. */
      mutation?: string;
    }
  | {
      kind: 'http';
      endpoint: Endpoint;
      method: 'GET' | 'POST';
      path: string;
      headers: Record<string, string>;
      body?: string | Uint8Array<ArrayBuffer>;
    };

/** Real values to fuzz around, read from the running hub (not from the seed files). */
export interface Pools {
  companyIds: string[];
  partnerIds: string[];
  projectIds: string[];
  eventIds: string[];
  enterpriseNumbers: string[];
  creditCodes: string[];
  cursors: string[];
}

export async function loadPools(hub: TestHub): Promise<Pools> {
  const res = await hub.query(`{
    companies(first: 30) { edges { cursor node { id enterpriseNumber } } }
    partners(first: 30) { edges { cursor node { id creditCode } } }
    projects(first: 30) { edges { cursor node { id } } }
    events { id }
  }`);
  const d = res.data;
  return {
    companyIds: d.companies.edges.map((e: any) => e.node.id),
    partnerIds: d.partners.edges.map((e: any) => e.node.id),
    projectIds: d.projects.edges.map((e: any) => e.node.id),
    eventIds: d.events.map((e: any) => e.id).slice(0, 30),
    enterpriseNumbers: d.companies.edges.map((e: any) => e.node.enterpriseNumber),
    creditCodes: d.partners.edges.map((e: any) => e.node.creditCode),
    cursors: [...d.companies.edges, ...d.partners.edges, ...d.projects.edges].map((e: any) => e.cursor),
  };
}

export async function introspect(url: string): Promise<GraphQLSchema> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await res.json()) as { data: IntrospectionQuery };
  return buildClientSchema(body.data);
}

/** Every kind of caller: anonymous, editors and a viewer, and tokens that must be refused. */
export async function callers(): Promise<Record<string, string | undefined>> {
  const now = Math.floor(Date.now() / 1000);
  const future = await forgeToken('chengdu', { sub: 'fuzz', roles: ['editor'], iat: now + 3600, exp: now + 7200 });
  return {
    anonymous: undefined,
    vbEditor: `Bearer ${await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'fuzz' })}`,
    shEditor: `Bearer ${await token({ org: 'smart-hub', roles: ['editor'], sub: 'fuzz' })}`,
    cdEditor: `Bearer ${await token({ org: 'chengdu', roles: ['editor'], sub: 'fuzz' })}`,
    cdViewer: `Bearer ${await token({ org: 'chengdu', roles: [], sub: 'fuzz' })}`,
    otherKey: `Bearer ${await forgeToken('chengdu', { roles: ['editor'] }, { key: 'stranger' })}`,
    expired: `Bearer ${await forgeToken('chengdu', { roles: ['editor'], iat: now - 600, exp: now - 120 })}`,
    issuedInFuture: `Bearer ${future}`,
    unknownIssuer: `Bearer ${await forgeToken('chengdu', { iss: 'https://atlantis.example/', roles: ['editor'] })}`,
    otherOrganisation: `Bearer ${await forgeToken('chengdu', { org: 'vlaams-brabant', roles: ['editor'] })}`,
    basic: 'Basic dXNlcjpwYXNz',
    garbage: 'Bearer not.a.token',
  };
}

// ------------------------------------------------------------------ values

const ODD = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\u200b\u200c\u200d',
  '\ufeff',
  '\u3164',
  '\u00ad',
  '\u0301',
  'Acme \u202egnp.exe',
  '\u2067x\u2069',
  'a\u0085b',
  'a\u009bb',
  '\ud800',
  'x\udfff',
  '\uffff',
  '\t',
  '\r\n',
  'e\u0301',
  '🌱',
  '👩‍💻',
  '成都市武侯区',
  "' OR '1'='1",
  "'; DROP TABLE company; --",
  '%',
  '_%\\',
  '"',
  '$1',
  '${x}',
  '{{x}}',
  '<script>alert(1)</script>',
  'null',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '1e400',
  '0x10',
  '__proto__',
  'constructor',
];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddString = fc.constantFrom(...ODD);

/** Strings of every kind, from empty to longer than any limit. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.string({ unit: 'binary', maxLength: 1 }), loneSurrogate), maxLength: 10 }) },
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: fc.tuple(oddString, fc.string({ maxLength: 10 }), oddString).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(199, 200, 201, 4999, 5000, 5001, 20_000).map((n) => 'x'.repeat(n)) },
);

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** Date strings: in and out of the bounds, impossible, and in other shapes. */
const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.date({ min: new Date('1850-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.constantFrom(
    '1899-12-31',
    '1900-01-01',
    '2100-12-31',
    '2101-01-01',
    '0100-01-01',
    '9999-12-31',
    '+002026-01-01',
    '2026-1-1',
    '2026-02-29',
  ),
  anyText,
);

/** Date-time strings: any offset, fractions, rolled-over clock times, out of bounds. */
const dateTimeText: fc.Arbitrary<string> = fc.oneof(
  fc.date({ min: new Date('1850-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .record({
      date: dateText,
      h: fc.integer({ min: 0, max: 25 }),
      mi: fc.integer({ min: 0, max: 61 }),
      s: fc.option(fc.integer({ min: 0, max: 61 })),
      frac: fc.option(fc.stringMatching(/^\d{1,10}$/)),
      zone: fc.oneof(
        fc.constant('Z'),
        fc.integer({ min: -16 * 60, max: 16 * 60 }).map((o) => `${o < 0 ? '-' : '+'}${pad(Math.trunc(o / 60))}:${pad(o % 60)}`),
      ),
    })
    .map(
      ({ date, h, mi, s, frac, zone }) =>
        `${date}T${pad(h)}:${pad(mi)}${s === null ? '' : `:${pad(s)}${frac === null ? '' : `.${frac}`}`}${zone}`,
    ),
  fc.constantFrom(
    '9999-12-31T23:59:59-14:00',
    '2100-12-31T23:59:59.999Z',
    '1900-01-01T00:00:00Z',
    '2027-02-04T14:00:00',
    '2027-02-04 14:00:00Z',
  ),
  anyText,
);

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** Values for string arguments and input fields, by what their name says they hold. */
function hinted(name: string, pools: Pools): fc.Arbitrary<string> | undefined {
  const ids = [...pools.companyIds, ...pools.partnerIds, ...pools.projectIds, ...pools.eventIds];
  switch (name) {
    case 'enterpriseNumber':
      return fc.oneof(
        fc.constantFrom(...pools.enterpriseNumbers),
        fc.constantFrom(...pools.enterpriseNumbers).map((n) => `BE ${n.replace(/\./g, '')}`),
        fc.stringMatching(/^[0-9]{10}$/),
        fc.stringMatching(/^[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}$/),
        anyText,
      );
    case 'creditCode':
      return fc.oneof(
        fc.constantFrom(...pools.creditCodes),
        fc.constantFrom(...pools.creditCodes).map((c) => c.toLowerCase()),
        fc.stringMatching(/^[0-9A-Z]{18}$/),
        fc.constantFrom('000000000000000000', '91110000600037341L'),
        anyText,
      );
    case 'municipality':
      return fc.oneof(
        fc.constantFrom('Leuven', 'leuven', ' Leuven ', 'Pajottegem', 'Herne', 'Gent', 'Sint-Genesius-Rode', 'Scherpenheuvel-Zichem'),
        anyText,
      );
    case 'district':
      return fc.oneof(fc.constantFrom('Wuhou', 'wuhou', 'Jinjiang', 'Tianfu New Area', 'Gotham', '武侯区'), anyText);
    case 'postalCode':
      return fc.oneof(fc.integer({ min: 0, max: 9999 }).map(String), anyText);
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b', 'no-at', 'a@@b.org', 'a b@c.org'), anyText);
    case 'website':
      return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'ftp://x.org', 'http://user:pw@x.org', 'http://'), anyText);
    case 'phone':
      return fc.oneof(fc.constantFrom('+32 16 26 76 00', '(016) 26.76.00', '12', '+'.repeat(30)), anyText);
    case 'after':
      return fc.oneof(
        fc.constantFrom(...pools.cursors),
        fc.jsonValue({ maxDepth: 2 }).map((v) => b64(JSON.stringify(v))),
        fc.tuple(anyText, fc.oneof(fc.uuid(), anyText)).map((k) => b64(JSON.stringify(k))),
        anyText,
      );
    case 'id':
    case 'companyId':
    case 'partnerId':
    case 'projectId':
      return fc.oneof(fc.constantFrom(...ids), fc.uuid(), anyText);
    default:
      return undefined;
  }
}

interface ValueContext {
  schema: GraphQLSchema;
  pools: Pools;
  /** `__typename`s a representation may name (the subgraph's entities), for `_Any`. */
  entityTypes: string[];
  /** Arbitraries built once per type, name and depth: building them per case costs more than sending it. */
  cache: Map<string, fc.Arbitrary<any>>;
}

function cached<T>(ctx: ValueContext, key: string, build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let arb = ctx.cache.get(key);
  if (!arb) ctx.cache.set(key, (arb = build()));
  return arb;
}

/** A representation for `_entities`: mostly shaped like one, often malformed. */
function representation(ctx: ValueContext): fc.Arbitrary<unknown> {
  const ids = [...ctx.pools.companyIds, ...ctx.pools.partnerIds, ...ctx.pools.projectIds, ...ctx.pools.eventIds];
  const typename = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ctx.entityTypes, 'Query', 'Cluster') },
    { weight: 1, arbitrary: anyText },
  );
  const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid(), anyText, fc.jsonValue({ maxDepth: 1 }));
  const shaped = fc.record(
    {
      __typename: typename,
      id,
      cleantechDomains: fc.oneof(
        fc.subarray(['WASTE_PROCESSING', 'DRINKING_WATER', 'WATER_TREATMENT', 'SMART_GRIDS']),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      chinaStatus: fc.oneof(fc.constantFrom('NOT_ACTIVE', 'EXPLORING', 'ACTIVE'), fc.jsonValue({ maxDepth: 1 })),
    },
    { requiredKeys: [] },
  );
  return fc.oneof({ weight: 6, arbitrary: shaped }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

function scalarValue(name: string, argName: string, ctx: ValueContext): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof(
        fc.constantFrom(0, 1, -1, 5, 20, 21, 100, 101, 500, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1e15),
        fc.integer({ min: -5, max: 2100 }),
        fc.integer(),
        fc.double(),
      );
    case 'Float':
      return fc.double();
    case 'Boolean':
      return fc.boolean();
    case 'String':
      return hinted(argName, ctx.pools) ?? anyText;
    case 'ID':
      return hinted(argName, ctx.pools) ?? hinted('id', ctx.pools)!;
    case 'Date':
      return dateText;
    case 'DateTime':
      return dateTimeText;
    case '_Any':
      return representation(ctx);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value for an input type; `undefined` means "left out". */
const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.constant(undefined));

function inputValue(type: GraphQLInputType, argName: string, ctx: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  return cached(ctx, `in:${String(type)}:${argName}:${depth}`, () =>
    fc.oneof({ weight: 12, arbitrary: rightTypedValue(type, argName, ctx, depth) }, { weight: 1, arbitrary: wrongValue }),
  );
}

function rightTypedValue(type: GraphQLInputType, argName: string, ctx: ValueContext, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return rightTypedValue(type.ofType, argName, ctx, depth);
  if (isListType(type)) {
    const item = inputValue(type.ofType, argName, ctx, depth + 1);
    return fc.oneof(
      { weight: 30, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 3, arbitrary: item },
      { weight: 1, arbitrary: fc.constantFrom(490, 520).chain((n) => fc.array(item, { minLength: n, maxLength: n })) },
    );
  }
  if (isEnumType(type)) {
    return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: anyText });
  }
  if (isScalarType(type)) return scalarValue(type.name, argName, ctx);
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = inputValue(f.type, f.name, ctx, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    return fc.record(model, { requiredKeys: required });
  }
  return fc.jsonValue({ maxDepth: 1 });
}

/** A JSON value written as a GraphQL literal (enum values bare where the type is an enum). */
export function literal(value: unknown, type: GraphQLInputType | undefined): string {
  const named = type ? getNamedType(type) : undefined;
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return named && isEnumType(named) && /^[_A-Za-z]\w*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${/^[_A-Za-z]\w*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v, fields[k]?.type)}`).join(', ')}}`;
}

// --------------------------------------------------------------- selections

function argumentsLiteral(args: readonly GraphQLArgument[], ctx: ValueContext): fc.Arbitrary<string> {
  if (args.length === 0) return fc.constant('');
  return fc
    .tuple(...args.map((a) => fc.option(inputValue(a.type, a.name, ctx), { freq: isNonNullType(a.type) ? 50 : 2 })))
    .map((values) => {
      const parts = values.flatMap((v, i) => (v === null || v === undefined ? [] : [`${args[i].name}: ${literal(v, args[i].type)}`]));
      return parts.length ? `(${parts.join(', ')})` : '';
    });
}

/** A selection set for an output type: __typename and a few of its fields, two levels deep. */
function selection(type: GraphQLOutputType | GraphQLNamedType, ctx: ValueContext, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  return cached(ctx, `sel:${named.name}:${depth}`, () => selectionOf(named, ctx, depth));
}

function selectionOf(named: GraphQLNamedType, ctx: ValueContext, depth: number): fc.Arbitrary<string> {
  if (isLeafType(named)) return fc.constant('');
  if (isAbstractType(named)) {
    const members = [...ctx.schema.getPossibleTypes(named)];
    return fc
      .subarray(members, { maxLength: Math.min(3, members.length) })
      .chain((picked) =>
        picked.length
          ? fc.tuple(...picked.map((m) => selection(m, ctx, depth).map((s) => `... on ${m.name} ${s}`)))
          : fc.constant<string[]>([]),
      )
      .map((parts) => `{ __typename ${parts.join(' ')} }`);
  }
  if (!isObjectType(named)) return fc.constant('{ __typename }');
  const fields = Object.values(named.getFields()).filter((f) => depth < 2 || isLeafType(getNamedType(f.type)));
  return fc
    .subarray(fields, { maxLength: Math.min(4, fields.length) })
    .chain((picked) =>
      picked.length ? fc.tuple(...picked.map((f) => fieldSelection(named.name, f, ctx, depth + 1))) : fc.constant<string[]>([]),
    )
    .map((parts) => `{ __typename ${parts.join(' ')} }`);
}

function fieldSelection(parent: string, field: GraphQLField<unknown, unknown>, ctx: ValueContext, depth: number): fc.Arbitrary<string> {
  return cached(ctx, `field:${parent}.${field.name}:${depth}`, () => fieldSelectionOf(field, ctx, depth));
}

function fieldSelectionOf(field: GraphQLField<unknown, unknown>, ctx: ValueContext, depth: number): fc.Arbitrary<string> {
  return fc.tuple(argumentsLiteral(field.args, ctx), selection(field.type, ctx, depth)).map(([args, sel]) => `${field.name}${args} ${sel}`);
}

/** One operation on one root field of `schema`, with arguments as variables or inline literals. */
export function operationCase(endpoint: Endpoint, schema: GraphQLSchema, pools: Pools, callerNames: string[]): fc.Arbitrary<FuzzCase> {
  const entityTypes = (
    schema.getType('_Entity') && isAbstractType(schema.getType('_Entity')!)
      ? schema.getPossibleTypes(schema.getType('_Entity') as never).map((t) => t.name)
      : ['Company']
  ) as string[];
  const ctx: ValueContext = { schema, pools, entityTypes, cache: new Map() };
  const roots = [
    ...Object.values(schema.getQueryType()?.getFields() ?? {}).map((f) => ({ f, op: 'query' as const })),
    ...Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => ({ f, op: 'mutation' as const })),
  ].filter(({ f }) => !f.name.startsWith('__'));
  const caller = fc.constantFrom(...callerNames);
  const name = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, fc.constant('Fuzz'), fc.string({ maxLength: 8 }));
  // One arbitrary per root field, built once: every field of the schema gets the same share of cases.
  return fc.oneof(
    ...roots.map(({ f, op }) =>
      fc
        .record({
          inline: fc.boolean(),
          values: fc.tuple(...f.args.map((a) => inputValue(a.type, a.name, ctx))),
          sel: selection(f.type, ctx, 1),
          caller,
          name,
        })
        .map(({ inline, values, sel, caller, name }): FuzzCase => {
          const mutation = op === 'mutation' ? f.name : undefined;
          if (inline) {
            const args = f.args.flatMap((a, i) => (values[i] === undefined ? [] : [`${a.name}: ${literal(values[i], a.type)}`]));
            const query = `${op}${name === undefined ? '' : ' Fuzz'} { r: ${f.name}${args.length ? `(${args.join(', ')})` : ''} ${sel} }`;
            return { kind: 'graphql', endpoint, caller, query, operationName: name, mutation };
          }
          const decl = f.args.map((a, i) => `$a${i}: ${String(a.type)}`);
          const args = f.args.map((a, i) => `${a.name}: $a${i}`);
          const variables = Object.fromEntries(f.args.map((_, i) => [`a${i}`, values[i]]).filter(([, v]) => v !== undefined));
          const query = `${op}${name === undefined ? '' : ' Fuzz'}${decl.length ? `(${decl.join(', ')})` : ''} { r: ${f.name}${args.length ? `(${args.join(', ')})` : ''} ${sel} }`;
          return { kind: 'graphql', endpoint, caller, query, variables, operationName: name, mutation };
        }),
    ),
  );
}

// ------------------------------------------------------------ HTTP requests

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/json; charset="utf-8"',
  'application/json; charset=utf-16',
  'application/json; charset=utf-32',
  'application/json; charset=latin1',
  'application/json; charset=',
  'application/graphql-response+json',
  'application/graphql',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
];

/** A malformed (or now and then a good) HTTP request to /graphql. */
export function httpCase(endpoint: Endpoint, limitBytes: number): fc.Arbitrary<FuzzCase> {
  const goodQuery = fc.constantFrom(
    '{ __typename }',
    '{ clusters { code } }',
    'query A { __typename } query B { __typename }',
    '{ companies(first: 2) { totalCount } }',
  );
  const requestish = fc.record(
    {
      query: fc.oneof(
        goodQuery,
        anyText,
        fc.jsonValue({ maxDepth: 2 }),
        goodQuery.chain((q) => fc.nat({ max: q.length }).map((n) => q.slice(0, n))),
      ),
      variables: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }))),
      operationName: fc.oneof(fc.constantFrom('A', 'B', 'C'), fc.jsonValue({ maxDepth: 1 })),
      extensions: fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.record({
          persistedQuery: fc.record(
            {
              version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 0 })),
              sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), anyText),
            },
            { requiredKeys: [] },
          ),
        }),
      ),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: requestish.map((r) => JSON.stringify(r)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(requestish, { maxLength: 3 }).map((r) => JSON.stringify(r)) },
    { weight: 2, arbitrary: requestish.map((r) => JSON.stringify(r)).chain((s) => fc.nat({ max: s.length }).map((n) => s.slice(0, n))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => new Uint8Array(a)) },
    { weight: 1, arbitrary: anyText },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: limitBytes - 100, max: limitBytes + 100 })
        .map((n) => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(Math.max(0, n - 50)) } })),
    },
  );
  const headers = fc.record(
    {
      'content-type': fc.constantFrom(...CONTENT_TYPES),
      'content-encoding': fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'x-unknown'),
      accept: fc.constantFrom(
        'application/json',
        'application/graphql-response+json',
        'text/html',
        '*/*',
        'multipart/mixed',
        'text/event-stream',
      ),
      'apollo-require-preflight': fc.constant('1'),
      'x-request-id': fc.string({ maxLength: 140 }),
      'hub-purpose': fc.string({ maxLength: 20 }),
    },
    { requiredKeys: [] },
  );
  const post = fc
    .record({ body, headers, path: fc.constantFrom('/graphql', '/graphql/', '/graphql?x=1') })
    .map(({ body, headers, path }): FuzzCase => ({
      kind: 'http',
      endpoint,
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body,
    }));
  const get = fc
    .record({
      params: fc.dictionary(
        fc.constantFrom('query', 'variables', 'operationName', 'extensions'),
        fc.oneof(
          anyText,
          goodQuery,
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        ),
      ),
      preflight: fc.boolean(),
    })
    .map(({ params, preflight }): FuzzCase => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) search.set(k, String(v).replace(/[\ud800-\udfff]/g, ''));
      return {
        kind: 'http',
        endpoint,
        method: 'GET',
        path: `/graphql?${search}`,
        headers: preflight ? { 'apollo-require-preflight': '1' } : {},
      };
    });
  return fc.oneof({ weight: 5, arbitrary: post }, { weight: 1, arbitrary: get });
}

// ----------------------------------------------------------------- running

export interface FuzzTarget {
  hub: TestHub;
  urls: Record<Endpoint, string>;
  callers: Record<string, string | undefined>;
  /** Mutation field -> the subgraph whose database it writes. */
  mutationOwner: Record<string, SubgraphName>;
}

export async function fuzzTarget(hub: TestHub): Promise<FuzzTarget> {
  const urls = { gateway: hub.gatewayUrl, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].url])) } as Record<
    Endpoint,
    string
  >;
  const mutationOwner: Record<string, SubgraphName> = {};
  for (const n of SUBGRAPH_NAMES) {
    const schema = await introspect(urls[n]);
    for (const name of Object.keys(schema.getMutationType()?.getFields() ?? {})) mutationOwner[name] = n;
  }
  return { hub, urls, callers: await callers(), mutationOwner };
}

export async function send(target: FuzzTarget, c: FuzzCase): Promise<RawResponse> {
  const base = target.urls[c.endpoint];
  if (c.kind === 'graphql') {
    const authorization = target.callers[c.caller];
    return post(base, JSON.stringify({ query: c.query, variables: c.variables, operationName: c.operationName }), {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    });
  }
  const url = base.replace(/\/graphql$/, '') + c.path;
  const res = await fetch(url, { method: c.method, headers: c.headers, body: c.method === 'POST' ? c.body : undefined });
  const text = await res.text();
  let body: RawResponse['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body };
}

/** `text` with runs of one character collapsed ("x×20000") and cut to `max` characters, for failure reports. */
function brief(text: string, max: number): string {
  const collapsed = text.replace(/(.)\1{19,}/gsu, (run: string, ch: string) => `${ch}×${[...run].length}`);
  return collapsed.length > max ? `${collapsed.slice(0, max)}…` : collapsed;
}

/** Why an answer breaks the property, or undefined. Successful answers must be well-formed too. */
export function answerProblem(res: RawResponse): string | undefined {
  if (res.status >= 500) return `HTTP ${res.status}`;
  // Nothing executed (no data key): a request error, which is the client's: 4xx, never 200.
  // (Except the automatic-persisted-queries signal, HTTP 200 by that protocol: the client sends the query again.)
  const apq = res.body?.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND';
  if (res.body && !('data' in res.body) && res.status < 400 && !apq) return `a request error with HTTP ${res.status}`;
  if (res.body && !res.body.errors && res.status < 300 && res.contentType.includes('json') && 'data' in res.body) return undefined;
  return clientErrorProblem(res);
}

export interface FuzzStats {
  cases: number;
  internalErrors: number;
  accepted: number;
}

/** Every table's row count and checksum (tests/helpers/expect.ts). */
type State = Record<string, { n: number; checksum: string }>;

/**
 * Runs a batch of cases concurrently and checks each answer, then that no
 * table of a subgraph changed unless a mutation it owns was accepted in the
 * batch (row counts and checksums: an update counts), and that its audit log
 * grew by at most the number accepted.
 */
export async function runBatch(target: FuzzTarget, batch: FuzzCase[], stats: FuzzStats): Promise<void> {
  const before = (await databaseState(target.hub)) as State;
  const accepted: Record<string, number> = {};
  const answers = await Promise.all(batch.map((c) => send(target, c)));
  const problems: string[] = [];
  answers.forEach((res, i) => {
    const c = batch[i];
    stats.cases++;
    const problem = answerProblem(res);
    if (problem) {
      stats.internalErrors++;
      problems.push(`${problem}: ${brief(JSON.stringify(c), 1500)}\n  -> ${res.status} ${brief(res.text, 800)}`);
    }
    if (c.kind === 'graphql' && c.mutation && res.body?.data?.r != null) {
      const owner = target.mutationOwner[c.mutation];
      accepted[owner] = (accepted[owner] ?? 0) + 1;
      stats.accepted++;
    }
  });
  if (problems.length) throw new Error(`${problems.length} answer(s) broke the property:\n${problems.join('\n')}`);
  const after = (await databaseState(target.hub)) as State;
  for (const n of SUBGRAPH_NAMES) {
    const changed = Object.keys(after).filter((k) => k.startsWith(`${n}.`) && JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    const audit = (after[`${n}.audit_log`]?.n ?? 0) - (before[`${n}.audit_log`]?.n ?? 0);
    if (!accepted[n] && changed.length)
      throw new Error(`rejected inputs wrote to ${changed.join(', ')}: ${JSON.stringify(batch).slice(0, 3000)}`);
    if (audit > (accepted[n] ?? 0)) throw new Error(`${audit} audit entries for ${accepted[n] ?? 0} accepted mutations in ${n}`);
  }
}

/** Cases sent concurrently in one run of a property; the row counts are compared around each batch. */
export const BATCH = 20;

/**
 * Runs `numRuns` batches of `arb` (fc.check, so that a failure reports the
 * failing requests and the seed and path to replay it, not the whole batch).
 */
export async function checkBatches(
  target: FuzzTarget,
  arb: fc.Arbitrary<FuzzCase>,
  stats: FuzzStats,
  opts: { seed: number; numRuns: number },
): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(fc.array(arb, { minLength: BATCH, maxLength: BATCH }), (batch) => runBatch(target, batch, stats)),
    { seed: opts.seed, numRuns: opts.numRuns, endOnFailure: true },
  );
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz run failed (seed ${details.seed}, path "${details.counterexamplePath}"; replay: FUZZ_SEED=${details.seed}):\n${cause}`,
    );
  }
}

/**
 * The seed, and this file's share of the run's cases: fixed unless FUZZ_SEED
 * / FUZZ_CASES (the whole run, 10,000 by default) say otherwise, to replay a
 * failure or to search longer. A gateway case costs about twice a subgraph
 * case (planning, two token checks), so the gateway file takes 40%.
 */
export function fuzzSettings(share: number): { seed: number; cases: number } {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_110_011;
  const total = process.env.FUZZ_CASES ? Number(process.env.FUZZ_CASES) : 10_000;
  return { seed, cases: Math.ceil(total * share) };
}

/**
 * Prints a file's figures ("fuzz (gateway): 5000 cases, seed S, 0 internal
 * errors, …") and leaves them in test-artifacts/fuzz-<name>.json, where
 * `.ci/run` adds them up for its summary.
 */
export function reportFuzz(name: string, stats: FuzzStats, seed: number, started: { at: number; cpu: NodeJS.CpuUsage }): void {
  const used = process.cpuUsage(started.cpu);
  const seconds = (Date.now() - started.at) / 1000;
  const cpu = (used.user + used.system) / 1e6;
  console.log(
    `fuzz (${name}): ${stats.cases} cases, seed ${seed}, ${stats.internalErrors} internal errors ` +
      `(${stats.accepted} accepted writes; ${seconds.toFixed(1)} s, ${cpu.toFixed(1)} s CPU in this process; replay: FUZZ_SEED=${seed})`,
  );
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `fuzz-${name}.json`), JSON.stringify({ name, seed, ...stats, seconds, cpuSeconds: cpu }) + '\n');
}
