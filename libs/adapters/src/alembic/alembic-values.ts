import type { Node } from 'web-tree-sitter';
import {
  dottedName,
  evaluateLiteral,
  expressions,
  type PythonScope,
} from '../python/python-literal';
import {
  asItems,
  asString,
  isCall,
  lastSegment,
  toPythonSource,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import type { TableInput } from './alembic-events';

/**
 * A method called on something that is not a plain dotted name: `sa.table('t').update()`,
 * `op.get_bind().execute(q)`, `sa.JSON().with_variant(JSONB(), 'postgresql')`. Its `callee`
 * renders the receiver followed by `.method`, so `lastSegment(callee)` is the method.
 */
export interface PyMethodCall extends PyCall {
  readonly receiver: PyValue;
  readonly method: string;
  /** The chain as written (`users.update().values(x=1)`), for descriptions and reasons. */
  readonly source: string;
}

export function isMethodCall(value: PyValue | undefined): value is PyMethodCall {
  return isCall(value) && 'receiver' in value;
}

/**
 * `evaluateLiteral`, plus method chains: the shared evaluator gives up on a call whose callee is
 * not a dotted name, while SQLAlchemy code in migrations is full of them.
 */
export function readExpression(node: Node, scope: PythonScope): PyValue {
  if (node.type === 'parenthesized_expression') {
    const inner = expressions(node)[0];
    if (inner) return readExpression(inner, scope);
  }
  if (node.type !== 'call') return evaluateLiteral(node, scope);
  const functionNode = node.childForFieldName('function');
  const argumentsNode = node.childForFieldName('arguments');
  if (!functionNode || argumentsNode?.type !== 'argument_list') return evaluateLiteral(node, scope);
  let callee = dottedName(functionNode);
  let receiver: PyValue | undefined;
  let method: string | undefined;
  // `users.update()` where `users = sa.table(...)`: a method of the bound value, not a dotted name.
  const root = callee?.split('.')[0];
  if (callee?.includes('.') && root !== undefined && scope.has(root)) callee = undefined;
  if (callee === undefined) {
    const object = functionNode.childForFieldName('object');
    const attribute = functionNode.childForFieldName('attribute');
    if (functionNode.type !== 'attribute' || !object || !attribute) {
      return evaluateLiteral(node, scope);
    }
    receiver = readExpression(object, scope);
    method = attribute.text;
  }
  const args: PyValue[] = [];
  const kwargs: Record<string, PyValue> = {};
  const unpacked: PyValue[] = [];
  for (const argument of expressions(argumentsNode)) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name');
      const value = argument.childForFieldName('value');
      if (!name || !value) return evaluateLiteral(node, scope);
      kwargs[name.text] = readExpression(value, scope);
    } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
      const inner = expressions(argument)[0];
      unpacked.push(inner ? evaluateLiteral(inner, scope) : evaluateLiteral(argument, scope));
    } else {
      args.push(readExpression(argument, scope));
    }
  }
  const line = node.startPosition.row + 1;
  const common = { type: 'call' as const, args, kwargs, line };
  const extra = unpacked.length > 0 ? { unpacked } : {};
  if (receiver !== undefined && method !== undefined) {
    const call: PyMethodCall = {
      ...common,
      ...extra,
      callee: `${toPythonSource(receiver)}.${method}`,
      receiver,
      method,
      source: node.text,
    };
    return call;
  }
  return { ...common, ...extra, callee: callee ?? functionNode.text };
}

/** The method calls of a chain from the outermost inwards, and what the chain starts from. */
export function unchain(value: PyValue): { root: PyValue; methods: PyMethodCall[] } {
  const methods: PyMethodCall[] = [];
  let current = value;
  while (isMethodCall(current)) {
    methods.unshift(current);
    current = current.receiver;
  }
  return { root: current, methods };
}

/**
 * An identifier: a string, or the name helpers Alembic and SQLAlchemy offer around one
 * (`op.f('ix_x')`, `batch_op.f(...)`, `conv(...)`, `quoted_name('x', quote=True)`).
 */
export function identifierOf(value: PyValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'str') return value.value;
  if (isCall(value) && ['f', 'conv', 'quoted_name'].includes(lastSegment(value.callee))) {
    return identifierOf(value.args[0]);
  }
  return undefined;
}

/** A list of column names (strings or name helpers); undefined when one is not literal. */
export function identifiersOf(value: PyValue | undefined): string[] | undefined {
  const items = asItems(value) ?? (value?.type === 'str' ? [value] : undefined);
  if (!items) return undefined;
  const names = items.map(identifierOf);
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/** A table named by a literal (or `op.f(...)`), in `schema` when one is given. */
export function tableRefOf(
  name: PyValue | undefined,
  schema: PyValue | undefined,
): TableInput | undefined {
  const table = identifierOf(name);
  if (!table) return undefined;
  const schemaName = asString(schema);
  return { ...(schemaName ? { schema: schemaName } : {}), name: table };
}

/** `None`, or an argument not given. */
export function isAbsent(value: PyValue | undefined): boolean {
  return value === undefined || value.type === 'none';
}

/**
 * The SQL of a textual construct: a string, `sa.text('...')`, `sa.literal_column('...')`,
 * `sa.DDL('...')`; undefined for anything else.
 */
export function sqlTextOf(value: PyValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'str') return value.value;
  if (!isCall(value)) return undefined;
  if (isMethodCall(value)) {
    // `sa.text('...').bindparams(...)` / `.columns(...)` / `.execution_options(...)` keep the SQL.
    return ['bindparams', 'columns', 'execution_options'].includes(value.method)
      ? sqlTextOf(value.receiver)
      : undefined;
  }
  if (['text', 'literal_column', 'DDL'].includes(lastSegment(value.callee))) {
    return asString(value.args[0]);
  }
  return undefined;
}

/** Python source of a value: as written for a method chain, else rendered back. */
export function sourceOf(value: PyValue): string {
  return isMethodCall(value) ? value.source : toPythonSource(value);
}

/** Python source of a value, on one line and cut to a readable length for reasons. */
export function excerpt(value: PyValue | string, length = 60): string {
  const text = typeof value === 'string' ? value : sourceOf(value);
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > length ? `${oneLine.slice(0, length)}…` : oneLine;
}
