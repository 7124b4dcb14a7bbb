import {
  asItems,
  asString,
  bindArguments,
  kwarg,
  lastSegment,
  toPythonSource,
  truthy,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import type { ConstraintInput, IndexInput } from './django-events';

/** Maps a model field name to its column. */
export type ColumnOf = (field: string) => string;

const INDEX_METHODS: Readonly<Record<string, string | undefined>> = {
  Index: undefined,
  BTreeIndex: 'btree',
  HashIndex: 'hash',
  GinIndex: 'gin',
  GistIndex: 'gist',
  BrinIndex: 'brin',
  SpGistIndex: 'spgist',
  BloomIndex: 'bloom',
};

export function isKnownIndexClass(call: PyCall): boolean {
  return Object.hasOwn(INDEX_METHODS, lastSegment(call.callee));
}

/** `models.Index(fields=[...], name=..., condition=Q(...))` (or an expression index). */
export function indexDefinition(
  call: PyCall,
  columnOf: ColumnOf,
  concurrently = false,
): IndexInput {
  const method = INDEX_METHODS[lastSegment(call.callee)];
  const condition = kwarg(call, 'condition');
  const expressions = call.args.map((arg) => renderExpression(arg, columnOf));
  return {
    name: asString(kwarg(call, 'name')) ?? '',
    columns: fieldColumns(kwarg(call, 'fields'), columnOf),
    ...(expressions.length > 0 ? { expressions } : {}),
    ...(method ? { method } : {}),
    ...(condition && condition.type !== 'none'
      ? { where: renderCondition(condition, columnOf) }
      : {}),
    ...(concurrently ? { concurrently } : {}),
  };
}

export type ConstraintShape =
  | { readonly kind: 'constraint'; readonly definition: ConstraintInput }
  /** A UniqueConstraint with a condition, expressions, `include` or opclasses is a unique index. */
  | { readonly kind: 'index'; readonly definition: IndexInput };

export function constraintShape(
  call: PyCall,
  columnOf: ColumnOf,
  notValid = false,
): ConstraintShape {
  const cls = lastSegment(call.callee);
  const name = asString(kwarg(call, 'name')) ?? '';
  const condition = kwarg(call, 'condition') ?? kwarg(call, 'check');
  if (cls === 'CheckConstraint') {
    return {
      kind: 'constraint',
      definition: {
        name,
        type: 'check',
        ...(condition ? { expression: renderCondition(condition, columnOf) } : {}),
        ...(notValid ? { notValid } : {}),
      },
    };
  }
  if (cls === 'ExclusionConstraint') {
    const pairs = asItems(kwarg(call, 'expressions')) ?? [];
    const parts = pairs.map((pair) => {
      const [expression, operator] = asItems(pair) ?? [];
      return `${expression ? renderExpression(expression, columnOf) : '?'} WITH ${operator ? rangeOperator(operator) : '?'}`;
    });
    const method = (asString(kwarg(call, 'index_type')) ?? 'gist').toLowerCase();
    const where =
      condition && condition.type !== 'none'
        ? ` WHERE (${renderCondition(condition, columnOf)})`
        : '';
    return {
      kind: 'constraint',
      definition: {
        name,
        type: 'exclusion',
        expression: `EXCLUDE USING ${method} (${parts.join(', ')})${where}`,
        ...(notValid ? { notValid } : {}),
      },
    };
  }
  // UniqueConstraint
  const columns = fieldColumns(kwarg(call, 'fields'), columnOf);
  const expressions = call.args.map((arg) => renderExpression(arg, columnOf));
  const asIndex =
    (condition !== undefined && condition.type !== 'none') ||
    expressions.length > 0 ||
    truthy(kwarg(call, 'include')) === true ||
    truthy(kwarg(call, 'opclasses')) === true;
  if (asIndex) {
    return {
      kind: 'index',
      definition: {
        name,
        columns,
        ...(expressions.length > 0 ? { expressions } : {}),
        unique: true,
        ...(condition && condition.type !== 'none'
          ? { where: renderCondition(condition, columnOf) }
          : {}),
      },
    };
  }
  return {
    kind: 'constraint',
    definition: { name, type: 'unique', columns, ...(notValid ? { notValid } : {}) },
  };
}

function fieldColumns(fields: PyValue | undefined, columnOf: ColumnOf): string[] {
  return (asItems(fields) ?? [])
    .map(asString)
    .filter((name): name is string => name !== undefined)
    .map((name) => columnOf(name.startsWith('-') ? name.slice(1) : name));
}

const RANGE_OPERATORS: Readonly<Record<string, string>> = {
  EQUAL: '=',
  NOT_EQUAL: '<>',
  CONTAINS: '@>',
  CONTAINED_BY: '<@',
  OVERLAPS: '&&',
  FULLY_LT: '<<',
  FULLY_GT: '>>',
  NOT_LT: '&>',
  NOT_GT: '&<',
  ADJACENT_TO: '-|-',
};

function rangeOperator(value: PyValue): string {
  if (value.type === 'str') return value.value;
  if (value.type === 'name') return RANGE_OPERATORS[lastSegment(value.name)] ?? value.name;
  return toPythonSource(value);
}

/** An index or constraint expression, SQL-like: `Lower('title')` → `lower("title")`. */
export function renderExpression(value: PyValue, columnOf: ColumnOf): string {
  if (value.type === 'str') return quote(columnOf(value.value));
  if (value.type === 'call') {
    const fn = lastSegment(value.callee);
    if (fn === 'F' && value.args[0]?.type === 'str') return quote(columnOf(value.args[0].value));
    if (fn === 'Value' && value.args[0]) return sqlValue(value.args[0], columnOf);
    return `${fn.toLowerCase()}(${value.args.map((arg) => renderExpression(arg, columnOf)).join(', ')})`;
  }
  return sqlValue(value, columnOf);
}

const LOOKUPS: Readonly<Record<string, string>> = {
  exact: '=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  contains: 'LIKE',
  icontains: 'ILIKE',
  startswith: 'LIKE',
  istartswith: 'ILIKE',
  endswith: 'LIKE',
  iendswith: 'ILIKE',
  regex: '~',
  iregex: '~*',
};

/**
 * A `Q(...)` condition (also combined with `|`, `&`, `~`) as readable SQL, e.g.
 * `"price" > 0 AND "stock" >= 0`. It describes the predicate; it is not meant to be executed.
 */
export function renderCondition(value: PyValue, columnOf: ColumnOf): string {
  if (value.type === 'operator') {
    const [first, second] = value.operands;
    if (value.operator === '~' && first) return `NOT (${renderCondition(first, columnOf)})`;
    if ((value.operator === '|' || value.operator === '&') && first && second) {
      const connector = value.operator === '|' ? 'OR' : 'AND';
      return `(${renderCondition(first, columnOf)}) ${connector} (${renderCondition(second, columnOf)})`;
    }
  }
  if (value.type === 'call' && lastSegment(value.callee) === 'Q') {
    const children: string[] = [];
    for (const arg of value.args) {
      const pair = asItems(arg);
      const lookup = pair && pair.length === 2 ? asString(pair[0]) : undefined;
      if (lookup !== undefined && pair?.[1]) children.push(renderLookup(lookup, pair[1], columnOf));
      else children.push(`(${renderCondition(arg, columnOf)})`);
    }
    const lookups = Object.entries(value.kwargs).filter(
      ([key]) => key !== '_connector' && key !== '_negated',
    );
    // Django sorts keyword lookups of a Q by name.
    for (const [lookup, operand] of lookups.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      children.push(renderLookup(lookup, operand, columnOf));
    }
    const connector = asString(kwarg(value, '_connector')) ?? 'AND';
    const joined = children.length === 1 ? children[0]! : children.join(` ${connector} `);
    return truthy(kwarg(value, '_negated')) ? `NOT (${joined})` : joined;
  }
  return toPythonSource(value);
}

function renderLookup(lookup: string, operand: PyValue, columnOf: ColumnOf): string {
  const parts = lookup.split('__');
  const last = parts.at(-1)!;
  const isLookup =
    parts.length > 1 && (Object.hasOwn(LOOKUPS, last) || ['isnull', 'in', 'range'].includes(last));
  const fieldPath = isLookup ? parts.slice(0, -1) : parts;
  const lhs = quote(columnOf(fieldPath.join('__')));
  const op = isLookup ? last : 'exact';
  if (op === 'isnull') return `${lhs} IS ${truthy(operand) ? '' : 'NOT '}NULL`;
  if (op === 'in')
    return `${lhs} IN (${(asItems(operand) ?? []).map((item) => sqlValue(item, columnOf)).join(', ')})`;
  if (op === 'range') {
    const [low, high] = asItems(operand) ?? [];
    return `${lhs} BETWEEN ${low ? sqlValue(low, columnOf) : '?'} AND ${high ? sqlValue(high, columnOf) : '?'}`;
  }
  if (op === 'exact' && operand.type === 'none') return `${lhs} IS NULL`;
  const rhs = sqlValue(operand, columnOf);
  if (op === 'contains' || op === 'icontains')
    return `${lhs} ${LOOKUPS[op]} ${likePattern(operand, '%', '%')}`;
  if (op === 'startswith' || op === 'istartswith')
    return `${lhs} ${LOOKUPS[op]} ${likePattern(operand, '', '%')}`;
  if (op === 'endswith' || op === 'iendswith')
    return `${lhs} ${LOOKUPS[op]} ${likePattern(operand, '%', '')}`;
  return `${lhs} ${LOOKUPS[op]} ${rhs}`;
}

function likePattern(operand: PyValue, before: string, after: string): string {
  return operand.type === 'str'
    ? sqlString(`${before}${operand.value}${after}`)
    : toPythonSource(operand);
}

function sqlValue(value: PyValue, columnOf: ColumnOf): string {
  switch (value.type) {
    case 'str':
      return sqlString(value.value);
    case 'int':
    case 'float':
      return String(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'none':
      return 'NULL';
    case 'call':
      return renderExpression(value, columnOf);
    default:
      return toPythonSource(value);
  }
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quote(identifier: string): string {
  return `"${identifier}"`;
}

/** The `fields` of an Index/UniqueConstraint call, without `-` prefixes. */
export function indexFieldNames(call: PyCall): string[] {
  return (asItems(bindArguments(call, []).fields) ?? [])
    .map(asString)
    .filter((name): name is string => name !== undefined)
    .map((name) => (name.startsWith('-') ? name.slice(1) : name));
}
