import type { ColumnDefault } from '@schematrace/contracts';
import type { Node } from 'libpg-query';
import { nameParts } from './sql-types';

export type Volatility = 'immutable' | 'stable' | 'volatile' | 'unknown';

/*
 * Function volatility as pg_proc records it, for the functions migrations put in defaults. The
 * risk that matters is a volatile default on ADD COLUMN (a table rewrite); an unlisted function
 * is `unknown` rather than a guess. Names are matched without their schema, so an extension's
 * `public.uuid_generate_v4()` counts too.
 */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'random_normal',
  'setseed',
  'clock_timestamp',
  'timeofday',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'gen_random_bytes',
  'gen_salt',
  'nextval',
  'currval',
  'lastval',
  'setval',
  'txid_current',
  'txid_current_if_assigned',
  'pg_current_xact_id',
  'pg_current_xact_id_if_assigned',
]);

/** Stable in at least one signature; counting the immutable ones stable changes no risk. */
const STABLE_FUNCTIONS = new Set([
  'now',
  'transaction_timestamp',
  'statement_timestamp',
  'current_setting',
  'current_database',
  'current_schema',
  'current_schemas',
  'to_char',
  'to_timestamp',
  'to_date',
  'age',
  'date_trunc',
  'date_part',
  'extract',
  'timezone',
  'concat',
  'concat_ws',
]);

const IMMUTABLE_FUNCTIONS = new Set([
  'lower',
  'upper',
  'initcap',
  'abs',
  'round',
  'trunc',
  'floor',
  'ceil',
  'ceiling',
  'length',
  'char_length',
  'octet_length',
  'btrim',
  'ltrim',
  'rtrim',
  'substr',
  'substring',
  'replace',
  'left',
  'right',
  'lpad',
  'rpad',
  'split_part',
  'md5',
  'sha256',
  'make_date',
  'make_time',
  'make_interval',
  'array_length',
  'cardinality',
]);

const RANK: Readonly<Record<Volatility, number>> = {
  immutable: 0,
  stable: 1,
  unknown: 2,
  volatile: 3,
};

function functionVolatility(name: string): Volatility {
  if (VOLATILE_FUNCTIONS.has(name)) return 'volatile';
  if (STABLE_FUNCTIONS.has(name)) return 'stable';
  if (IMMUTABLE_FUNCTIONS.has(name)) return 'immutable';
  return 'unknown';
}

/** Calls `visit` with every wrapped node (`{ FuncCall: {...} }`) under `value`, depth first. */
function eachNode(value: unknown, visit: (type: string, node: Record<string, unknown>) => void) {
  if (Array.isArray(value)) {
    for (const item of value) eachNode(item, visit);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    if (child && typeof child === 'object' && !Array.isArray(child) && /^[A-Z]/.test(key)) {
      visit(key, child as Record<string, unknown>);
    }
    eachNode(child, visit);
  }
}

/** The most volatile function the expression calls; operators and casts count as immutable. */
export function volatilityOf(expression: Node): Volatility {
  let result: Volatility = 'immutable';
  const raise = (volatility: Volatility) => {
    if (RANK[volatility] > RANK[result]) result = volatility;
  };
  eachNode([expression], (type, node) => {
    if (type === 'FuncCall') {
      const name = nameParts(node.funcname as Node[] | undefined).at(-1) ?? '';
      raise(functionVolatility(name.toLowerCase()));
    } else if (type === 'SQLValueFunction') {
      raise('stable'); // CURRENT_TIMESTAMP, CURRENT_DATE, LOCALTIMESTAMP, CURRENT_USER, ...
    } else if (type === 'SubLink') {
      raise('unknown');
    }
  });
  return result;
}

/** A literal's value (`'active'`, `0`, `true`, `'{}'::jsonb`); null for NULL; else undefined. */
export function literalValue(node: Node): string | null | undefined {
  if ('TypeCast' in node) return node.TypeCast.arg ? literalValue(node.TypeCast.arg) : undefined;
  if (!('A_Const' in node)) return undefined;
  const constant = node.A_Const;
  // Protocol buffers leave zero values out: `ival: {}` is 0, `boolval: {}` is false.
  if (constant.isnull) return null;
  if (constant.ival) return String(constant.ival.ival ?? 0);
  if (constant.fval) return constant.fval.fval ?? '0';
  if (constant.boolval) return constant.boolval.boolval ? 'true' : 'false';
  if (constant.sval) return constant.sval.sval ?? '';
  if (constant.bsval) return constant.bsval.bsval ?? '';
  return undefined;
}

/** A database-level default: none for DEFAULT NULL, a constant for a literal, else an expression. */
export function columnDefault(expression: Node, text: string | undefined): ColumnDefault {
  const literal = literalValue(expression);
  if (literal === null) return { kind: 'none' };
  if (literal !== undefined) return { kind: 'constant', value: literal, level: 'db' };
  return {
    kind: 'expression',
    expression: text ?? '',
    volatility: volatilityOf(expression),
    level: 'db',
  };
}

/** The columns an expression reads, in order of first appearance. */
export function referencedColumns(expression: Node): string[] {
  const columns: string[] = [];
  eachNode([expression], (type, node) => {
    if (type !== 'ColumnRef') return;
    const name = nameParts(node.fields as Node[] | undefined).at(-1);
    if (name !== undefined && !columns.includes(name)) columns.push(name);
  });
  return columns;
}

/** The column name PostgreSQL's FigureIndexColname gives an index expression (`lower(email)` → `lower`). */
export function indexExpressionName(expression: Node): string {
  if ('FuncCall' in expression) return nameParts(expression.FuncCall.funcname).at(-1) ?? 'expr';
  if ('ColumnRef' in expression) return nameParts(expression.ColumnRef.fields).at(-1) ?? 'expr';
  if ('TypeCast' in expression) {
    const { arg, typeName } = expression.TypeCast;
    const inner = arg ? indexExpressionName(arg) : 'expr';
    return inner !== 'expr' ? inner : (nameParts(typeName?.names).at(-1) ?? 'expr');
  }
  if ('CollateClause' in expression) {
    const arg = expression.CollateClause.arg;
    return arg ? indexExpressionName(arg) : 'expr';
  }
  if ('CaseExpr' in expression) return 'case';
  if ('CoalesceExpr' in expression) return 'coalesce';
  if ('MinMaxExpr' in expression)
    return expression.MinMaxExpr.op === 'IS_LEAST' ? 'least' : 'greatest';
  if ('A_Expr' in expression && expression.A_Expr.kind === 'AEXPR_NULLIF') return 'nullif';
  return 'expr';
}
