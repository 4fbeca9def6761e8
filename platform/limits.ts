/**
 * Demand control: the one place where the gateway and every subgraph decide
 * whether a GraphQL operation is too big to run, before anything is planned
 * or read. The gateway checks what a client asks; each subgraph checks what
 * it is asked again (by the gateway, or by anybody who reaches it directly),
 * with the same limits, so a request that bypasses the gateway gets no more.
 *
 * Four figures of the chosen operation, fragments expanded:
 * - depth: the longest chain of nested fields (`{ a { b } }` is 2);
 * - aliases and directives: how many the operation uses;
 * - cost: how many objects the answer can hold. Every field that returns an
 *   object counts 1 for each object it returns (a mutation's root field 10);
 *   leaves (scalars, enums) count 0. A list multiplies what is under it by its
 *   size: its `first` or `limit` argument (written in the document or passed
 *   as a variable, else the argument's default), the number of
 *   representations for `_entities`, a documented size for the few bounded
 *   lists (`LIST_SIZES`), and `DEFAULT_LIST_SIZE` for every other list. On a
 *   connection (`companies(first: 20) { edges { node } }`) the size of
 *   `first` applies to its `edges`. This is the IBM GraphQL cost
 *   specification's `@listSize(slicingArguments, sizedFields, assumedSize)`
 *   model that Apollo's and Hive's demand control use, and GitHub's node
 *   limit ("50 repositories × 20 issues"), here without schema directives so
 *   that the contract and the supergraph stay unchanged.
 *
 * An operation over a limit is refused with HTTP 400, a stable code
 * (QUERY_TOO_DEEP, TOO_MANY_ALIASES, TOO_MANY_DIRECTIVES, QUERY_TOO_COMPLEX),
 * a message that names the limit and the figure, and `extensions.limit` with
 * `extensions.actual` (`extensions.estimate` for the cost). Introspection
 * fields (`__schema`, `__type`, `__typename`) are not counted.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { int, type Env } from './config';
import { HubError } from './errors';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxDirectives: 20, maxCost: 250_000 };

/** `LIMIT_MAX_DEPTH`, `LIMIT_MAX_ALIASES`, `LIMIT_MAX_DIRECTIVES`, `LIMIT_MAX_COST`: the gateway and every subgraph read the same. */
export function loadQueryLimits(env: Env): QueryLimits {
  const d = DEFAULT_QUERY_LIMITS;
  return {
    maxDepth: int(env, 'LIMIT_MAX_DEPTH', d.maxDepth, 1, 100),
    maxAliases: int(env, 'LIMIT_MAX_ALIASES', d.maxAliases, 0, 1000),
    maxDirectives: int(env, 'LIMIT_MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
    maxCost: int(env, 'LIMIT_MAX_COST', d.maxCost, 10, 1_000_000_000),
  };
}

/** The size assumed for a list without a `first`/`limit` argument: the default page of the paged lists. */
export const DEFAULT_LIST_SIZE = 50;

/** Lists whose size is bounded by what they are (five Smart Hub clusters), not by a page. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  'Query.clusters': 5,
  'Company.clusters': 5,
};

/** Arguments that bound the size of the list a field returns. */
export const SLICING_ARGUMENTS = ['first', 'limit'];

/** What one object costs; a mutation's root field costs more (it writes). */
const OBJECT_COST = 1;
const MUTATION_COST = 10;

/** The figures one operation is judged by. */
export interface Demand {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
}

const NOTHING: Demand = { depth: 0, aliases: 0, directives: 0, cost: 0 };

/**
 * The depth, aliases, directives and estimated cost of `operation`, fragments
 * expanded. Each fragment is measured once (memoised), so a document that
 * spreads fragments into each other costs linear time to measure, however
 * large the figures it arrives at.
 */
export function measure(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
  /** Told of every variable the figures depend on (MeasureCache). */
  onRead?: (name: string, value: unknown) => void,
): Demand {
  const memo = new Map<string, Demand>();
  const visiting = new Set<string>();
  const operationIsMutation = operation.operation === 'mutation';
  const variableDefaults: Record<string, ValueNode | undefined> = {};
  for (const v of operation.variableDefinitions ?? []) variableDefaults[v.variable.name.value] = v.defaultValue;

  /** A literal or variable argument value, as a plain JS value. */
  const valueOf = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    switch (node.kind) {
      case Kind.VARIABLE: {
        const value = variables[node.name.value];
        onRead?.(node.name.value, value);
        return value;
      }
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.LIST:
        return node.values;
      default:
        return undefined;
    }
  };

  /** The size of the list `field` returns, or of the `edges` of the connection it returns. */
  const sizeOf = (parent: GraphQLCompositeType, def: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    if (def.name === '_entities') {
      const reps = valueOf(node.arguments?.find((a) => a.name.value === 'representations')?.value);
      return Array.isArray(reps) ? reps.length : DEFAULT_LIST_SIZE;
    }
    for (const name of SLICING_ARGUMENTS) {
      const arg = def.args.find((a) => a.name === name);
      if (!arg) continue;
      const given = node.arguments?.find((a) => a.name.value === name);
      let value = given ? valueOf(given.value) : undefined;
      // A variable that is not given takes its own default, else the argument's.
      if (value === undefined && given?.value.kind === Kind.VARIABLE) value = valueOf(variableDefaults[given.value.name.value]);
      if (value === undefined) value = arg.defaultValue;
      // Not a number (a wrong type, null): the field refuses it when it runs; until then, a default page.
      return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : DEFAULT_LIST_SIZE;
    }
    return LIST_SIZES[`${parent.name}.${def.name}`];
  };

  const add = (a: Demand, b: Demand): Demand => ({
    depth: Math.max(a.depth, b.depth),
    aliases: a.aliases + b.aliases,
    directives: a.directives + b.directives,
    cost: a.cost + b.cost,
  });

  /**
   * `connectionSize`: the `first` of the connection field whose selection this
   * is; it sizes the `edges` list inside it.
   */
  const selectionSet = (set: SelectionSetNode, parent: GraphQLCompositeType, root: boolean, connectionSize?: number): Demand => {
    let total = NOTHING;
    for (const sel of set.selections) {
      const directives = sel.directives?.length ?? 0;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const typed = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        const inner = typed && isCompositeType(typed) ? selectionSet(sel.selectionSet, typed, root, connectionSize) : NOTHING;
        total = add(total, { ...inner, directives: inner.directives + directives });
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const inner = fragment(sel.name.value, root, connectionSize);
        total = add(total, { ...inner, directives: inner.directives + directives });
      } else {
        total = add(total, field(sel, parent, root, connectionSize));
      }
    }
    return total;
  };

  const fragment = (name: string, root: boolean, connectionSize?: number): Demand => {
    const key = `${name}:${root}:${connectionSize ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    const def = fragments[name];
    // A cycle or an unknown fragment is refused by validation; it counts nothing here.
    if (!def || visiting.has(key)) return NOTHING;
    const typed = schema.getType(def.typeCondition.name.value);
    visiting.add(key);
    const result = typed && isCompositeType(typed) ? selectionSet(def.selectionSet, typed, root, connectionSize) : NOTHING;
    visiting.delete(key);
    memo.set(key, result);
    return result;
  };

  const field = (node: FieldNode, parent: GraphQLCompositeType, root: boolean, connectionSize?: number): Demand => {
    const own = { aliases: node.alias ? 1 : 0, directives: node.directives?.length ?? 0 };
    const name = node.name.value;
    // Introspection is not counted (it is off in production); __typename is free.
    if (name.startsWith('__') || !('getFields' in parent)) return { ...NOTHING, ...own };
    const def = parent.getFields()[name];
    if (!def) return { ...NOTHING, ...own }; // refused by validation
    const type = getNullableType(def.type);
    const named = getNamedType(def.type);
    if (!isCompositeType(named) || !node.selectionSet) return { ...NOTHING, ...own, depth: 1 };
    const size = sizeOf(parent, def, node);
    let multiplier = 1;
    let innerConnection: number | undefined;
    if (isListType(type)) {
      multiplier = name === 'edges' && connectionSize !== undefined ? connectionSize : (size ?? DEFAULT_LIST_SIZE);
    } else if (size !== undefined) {
      innerConnection = size; // a connection: `first` sizes its edges
    }
    const inner = selectionSet(node.selectionSet, named, false, innerConnection);
    const base = root && operationIsMutation ? MUTATION_COST : OBJECT_COST;
    return {
      depth: 1 + inner.depth,
      aliases: own.aliases + inner.aliases,
      directives: own.directives + inner.directives,
      cost: multiplier * (base + inner.cost),
    };
  };

  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return NOTHING;
  const result = selectionSet(operation.selectionSet, rootType, true);
  return { ...result, directives: result.directives + (operation.directives?.length ?? 0) };
}

/**
 * What `measure` makes of a variable's value: it reads a variable only for a
 * list's size, as a number (`first`, `limit`) or by its length
 * (`representations`), so two values with the same fingerprint give the
 * same figures.
 */
function fingerprint(value: unknown): string {
  if (value === undefined) return 'u';
  if (typeof value === 'number') return `n${value}`;
  if (Array.isArray(value)) return `a${value.length}`;
  return 'o';
}

interface Measured {
  schema: GraphQLSchema;
  /** The variables `measure` read, with their fingerprints. */
  reads: [string, string][];
  demand: Demand;
}

/** Figures kept per operation: a handful of page sizes each. */
const MEASURES_PER_OPERATION = 16;

/**
 * The figures of operations measured before. Apollo Server parses a query
 * text once and hands every later request of the same text the same
 * document, so its operation node is the key (a WeakMap: the entry goes
 * with Apollo's cached document); within it, an entry holds when every
 * variable the measure read has the same fingerprint now, and the schema is
 * the same. Measuring walks the whole operation against the schema — about
 * 1 % of the gateway's CPU under the bench — for figures that only change
 * with the page sizes passed.
 */
export class MeasureCache {
  private readonly byOperation = new WeakMap<OperationDefinitionNode, Measured[]>();

  measure(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: () => Record<string, FragmentDefinitionNode>,
    variables: Record<string, unknown>,
  ): Demand {
    const known = this.byOperation.get(operation);
    const hit = known?.find((m) => m.schema === schema && m.reads.every(([name, print]) => fingerprint(variables[name]) === print));
    if (hit) return hit.demand;
    const reads = new Map<string, string>();
    const demand = measure(schema, operation, fragments(), variables, (name, value) => reads.set(name, fingerprint(value)));
    const entries = known ?? [];
    if (entries.length >= MEASURES_PER_OPERATION) entries.shift();
    entries.push({ schema, reads: [...reads], demand });
    if (!known) this.byOperation.set(operation, entries);
    return demand;
  }
}

const figure = (n: number) => Math.min(n, Number.MAX_SAFE_INTEGER).toLocaleString('en-US');

/** The refusal for the first limit `demand` breaks, or undefined when it keeps to all of them. */
export function refusal(demand: Demand, limits: QueryLimits): HubError | undefined {
  const refuse = (code: string, message: string, limit: number, actual: number, key = 'actual') =>
    new HubError(message, code, { limit, [key]: Math.min(actual, Number.MAX_SAFE_INTEGER), http: { status: 400 } });
  if (demand.depth > limits.maxDepth) {
    return refuse(
      'QUERY_TOO_DEEP',
      `Query depth ${demand.depth} exceeds the limit of ${limits.maxDepth}: ask for fewer nested levels.`,
      limits.maxDepth,
      demand.depth,
    );
  }
  if (demand.aliases > limits.maxAliases) {
    return refuse(
      'TOO_MANY_ALIASES',
      `${figure(demand.aliases)} aliases exceed the limit of ${limits.maxAliases}: send fewer aliased fields, or several requests.`,
      limits.maxAliases,
      demand.aliases,
    );
  }
  if (demand.directives > limits.maxDirectives) {
    return refuse(
      'TOO_MANY_DIRECTIVES',
      `${figure(demand.directives)} directives exceed the limit of ${limits.maxDirectives}.`,
      limits.maxDirectives,
      demand.directives,
    );
  }
  if (demand.cost > limits.maxCost) {
    return refuse(
      'QUERY_TOO_COMPLEX',
      `Query too complex: estimated cost ${figure(demand.cost)} exceeds ${figure(limits.maxCost)}. The estimate counts the objects ` +
        `the answer can hold, each list multiplied by its first/limit argument or by ${DEFAULT_LIST_SIZE} without one: ` +
        'ask for smaller pages (first) or fewer nested lists.',
      limits.maxCost,
      demand.cost,
      'estimate',
    );
  }
  return undefined;
}

/**
 * Apollo plugin: measures the chosen operation once it is resolved (parsed,
 * validated, variables known) and refuses it, before any planning or
 * resolver runs, when it breaks a limit. Install after `requestErrorsPlugin`,
 * which refuses a document whose operation cannot be chosen.
 */
export function demandControlPlugin(limits: QueryLimits): ApolloServerPlugin {
  const measures = new MeasureCache();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const fragments = () => {
            const byName: Record<string, FragmentDefinitionNode> = {};
            for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) byName[def.name.value] = def;
            return byName;
          };
          const error = refusal(measures.measure(schema, operation, fragments, request.variables ?? {}), limits);
          if (error) throw error;
        },
      };
    },
  };
}
