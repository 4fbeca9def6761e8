import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
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
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  return { schema, sdl };
}
