import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { BadUserInputError } from '../../platform/errors';
import { DateTimeScalar } from './scalars';

export const FEDERATION_VERSION = 'v2.7';
const FEDERATION_IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides'];

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
}

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it (with the federation @link). */
  sdl: string;
}

/**
 * type-graphql classes -> Federation 2 subgraph schema. Directives such as
 * `@Directive('@key(fields: "id")')` on classes and fields are printed into the
 * SDL, which is then handed to @apollo/subgraph with type-graphql's resolvers
 * (middlewares included) and the reference resolvers.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    skipCheck: true,
  });
  const imports = FEDERATION_IMPORTS.map((d) => `"${d}"`).join(', ');
  const sdl =
    `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: [${imports}])\n\n` +
    printSchemaWithDirectives(typeGraphqlSchema) +
    '\n';
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, fns] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(fns as object) } as never;
  }
  const typeDefs = parse(sdl);
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  checkRepresentationsBefore(schema, entityKeys(typeDefs));
  return { schema, sdl };
}

/** Entity type name -> its key fields, from the `@key(fields: "…")` directives of the SDL (flat keys only). */
export function entityKeys(typeDefs: DocumentNode): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of def.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING) continue;
      keys.set(def.name.value, [...new Set([...(keys.get(def.name.value) ?? []), ...fields.value.split(/\s+/).filter(Boolean)])]);
    }
  }
  return keys;
}

/** Why a representation cannot name an entity of this subgraph, or undefined when it can. */
export function representationProblem(representation: unknown, keys: Map<string, string[]>): string | undefined {
  const types = [...keys.keys()].join(', ');
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return `must be an object with __typename and the key fields of an entity, e.g. {"__typename": "${keys.keys().next().value}", "id": "…"}`;
  }
  const { __typename: typename } = representation as { __typename?: unknown };
  if (typeof typename !== 'string') return `needs a __typename, one of ${types}`;
  const fields = keys.get(typename);
  if (!fields) return `names ${JSON.stringify(typename.slice(0, 100))}, which is not an entity of this subgraph (${types})`;
  for (const field of fields) {
    const value = (representation as Record<string, unknown>)[field];
    if (typeof value !== 'string')
      return `needs the key field ${field} of ${typename} as a string, got ${value === null ? 'null' : typeof value}`;
  }
  return undefined;
}

/**
 * `_entities` checks every representation before @apollo/subgraph looks at
 * it: a representation without __typename, of a type this subgraph does not
 * have, or without its key fields is BAD_USER_INPUT naming
 * `representations[i]`, instead of an internal error from deep inside the
 * library or a loader. The gateway always sends well-formed ones; a caller
 * that speaks to a subgraph directly gets told what is wrong.
 */
function checkRepresentationsBefore(schema: GraphQLSchema, keys: Map<string, string[]>): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) return;
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const representations = Array.isArray(args.representations) ? args.representations : [];
    representations.forEach((r, i) => {
      const problem = representationProblem(r, keys);
      if (problem) throw new BadUserInputError(`representations[${i}]`, problem);
    });
    return resolve(source, args, context, info);
  };
}
