import type { Node } from 'web-tree-sitter';
import { dottedName, expressions, type PythonScope } from '../python/python-literal';
import {
  asString,
  bindArguments,
  isCall,
  kwarg,
  lastSegment,
  type PyCall,
  type PyValue,
} from '../python/python-value';
import {
  AUTOCOMMIT,
  type RevisionEvents,
  type TableInput,
  type Transaction,
} from './alembic-events';
import { enumStatement, executeStatement, isEnumStatement } from './alembic-data';
import { runOperation } from './alembic-operations';
import { excerpt, identifierOf, isMethodCall, readExpression } from './alembic-values';

/** Where a statement of `upgrade()` runs: its transaction and the batch tables in reach. */
interface Frame {
  readonly transaction: Transaction;
  /** `with op.batch_alter_table('t') as batch_op:` → `batch_op` → `t`. */
  readonly batches: ReadonlyMap<string, TableInput>;
}

/** What the walk shares: the events, and local names (a Python function has one flat scope). */
interface Walk {
  readonly events: RevisionEvents;
  readonly scope: Map<string, PyValue>;
  /** Functions defined in the module: calling one is a helper the adapter does not follow. */
  readonly helpers: ReadonlySet<string>;
}

/** What a call in `upgrade()` does, as far as can be told without running it. */
type CallMeaning =
  | { readonly kind: 'operation'; readonly name: string; readonly batch?: TableInput }
  | { readonly kind: 'execute'; readonly statement: PyValue | undefined }
  | { readonly kind: 'enum' }
  | { readonly kind: 'harmless' }
  | { readonly kind: 'unknown' };

/**
 * Walks the body of `upgrade()` statement by statement, in order, and emits the events of every
 * operation. What cannot be followed statically (conditionals, loops, helper functions) is
 * reported as `migration.unparsed` with its line; the other statements still yield events.
 */
export function readUpgrade(
  body: Node,
  context: {
    moduleScope: PythonScope;
    helpers: ReadonlySet<string>;
    events: RevisionEvents;
    transaction: Transaction;
  },
): void {
  const walk: Walk = {
    events: context.events,
    scope: new Map(context.moduleScope),
    helpers: context.helpers,
  };
  walkBlock(body, { transaction: context.transaction, batches: new Map() }, walk);
}

/** Walks a block; `stop` when a `return` or `raise` ends the function there. */
function walkBlock(block: Node, frame: Frame, walk: Walk): 'stop' | undefined {
  for (const statement of expressions(block)) {
    try {
      if (walkStatement(statement, frame, walk) === 'stop') return 'stop';
    } catch (error: unknown) {
      // A shape no one foresaw must cost one statement, not the revision's other events.
      const line = statement.startPosition.row + 1;
      const message = error instanceof Error ? error.message : String(error);
      walk.events
        .operation(line, frame.transaction)
        .unparsed(`could not interpret the statement: ${message}`);
    }
  }
  return undefined;
}

const NO_EFFECT = new Set([
  'pass_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'global_statement',
  'nonlocal_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
  'assert_statement',
  'delete_statement',
  'type_alias_statement',
]);

const CONTROL_FLOW: Readonly<Record<string, string>> = {
  if_statement: 'if statement',
  for_statement: 'for loop',
  while_statement: 'while loop',
  try_statement: 'try statement',
  match_statement: 'match statement',
};

function walkStatement(statement: Node, frame: Frame, walk: Walk): 'stop' | undefined {
  const line = statement.startPosition.row + 1;
  if (NO_EFFECT.has(statement.type)) return undefined;
  if (statement.type === 'return_statement') return 'stop';
  if (statement.type === 'raise_statement') {
    walk.events
      .operation(line, frame.transaction)
      .unparsed(`raise: upgrade() stops with an error here: ${excerpt(statement.text)}`);
    return 'stop';
  }
  if (statement.type === 'with_statement') return withStatement(statement, frame, walk);
  const controlFlow = CONTROL_FLOW[statement.type];
  if (controlFlow) {
    const inside = operationsInside(statement);
    walk.events
      .operation(line, frame.transaction)
      .unparsed(
        `${controlFlow}: the statements inside are not evaluated statically${inside.length > 0 ? ` (it contains ${inside.join(', ')})` : ''}`,
      );
    return undefined;
  }
  if (statement.type === 'expression_statement') {
    const inner = expressions(statement)[0];
    if (!inner) return undefined;
    if (inner.type === 'assignment') return assignment(inner, frame, walk);
    if (inner.type === 'call') return callStatement(inner, frame, walk);
    // A docstring, a bare constant or name, `x += 1`: nothing runs against the database.
    if (
      [
        'string',
        'concatenated_string',
        'ellipsis',
        'integer',
        'identifier',
        'augmented_assignment',
      ].includes(inner.type)
    ) {
      return undefined;
    }
  }
  walk.events
    .operation(line, frame.transaction)
    .unparsed(`statement not evaluated: ${excerpt(statement.text)}`);
  return undefined;
}

function callStatement(node: Node, frame: Frame, walk: Walk): undefined {
  const value = readExpression(node, walk.scope);
  const line = node.startPosition.row + 1;
  const meaning = meaningOf(value, frame, walk);
  if (meaning.kind === 'harmless') return undefined;
  if (meaning.kind === 'unknown') {
    const callee = isCall(value) ? value.callee : excerpt(value);
    const helper = isCall(value) && walk.helpers.has(value.callee);
    walk.events
      .operation(line, frame.transaction)
      .unparsed(
        helper
          ? `call of the helper function ${callee}(): its operations are not followed`
          : `call of ${excerpt(callee)}(...) is not an Alembic operation and is not followed`,
      );
    return undefined;
  }
  run(meaning, value, line, frame, walk);
  return undefined;
}

/**
 * `x = <expression>`: runs the operation the right side performs, if any (`t = op.create_table(...)`,
 * `rows = conn.execute(...).fetchall()`), and binds the name for later statements.
 */
function assignment(node: Node, frame: Frame, walk: Walk): undefined {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!right) return undefined;
  const value = readExpression(right, walk.scope);
  const line = node.startPosition.row + 1;
  const meaning = meaningOf(value, frame, walk);
  if (meaning.kind === 'operation' || meaning.kind === 'execute' || meaning.kind === 'enum') {
    run(meaning, value, line, frame, walk);
  } else if (isCall(value) && walk.helpers.has(value.callee)) {
    walk.events
      .operation(line, frame.transaction)
      .unparsed(`call of the helper function ${value.callee}(): its operations are not followed`);
  }
  if (left?.type === 'identifier') walk.scope.set(left.text, value);
  return undefined;
}

function run(meaning: CallMeaning, value: PyValue, line: number, frame: Frame, walk: Walk): void {
  const events = walk.events.operation(line, frame.transaction);
  switch (meaning.kind) {
    case 'operation':
      runOperation(
        {
          name: meaning.name,
          call: value as PyCall,
          ...(meaning.batch ? { batch: meaning.batch } : {}),
        },
        events,
      );
      return;
    case 'execute':
      if (meaning.statement) executeStatement(meaning.statement, events);
      else events.unparsed('execute() without a statement');
      return;
    case 'enum':
      enumStatement(value, events);
      return;
    default:
      return;
  }
}

/** Calls on `op` that only return something (a connection, a name): no statement runs. */
const OP_HELPERS = new Set(['get_bind', 'get_context', 'f', 'inline_literal']);

/** Calls that only print or log. */
const HARMLESS_CALLS = new Set(['print']);
const LOG_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical']);

function meaningOf(value: PyValue, frame: Frame, walk: Walk): CallMeaning {
  if (!isCall(value)) return { kind: 'unknown' };
  if (isMethodCall(value)) {
    if (value.method === 'execute' && isConnection(value.receiver, walk.scope)) {
      return { kind: 'execute', statement: statementArgument(value) };
    }
    // `op.get_bind().commit()`: ends the migration's transaction, no schema operation; what
    // follows runs in a new one (still reported as the framework's transaction).
    if (value.method === 'commit' && isConnection(value.receiver, walk.scope)) {
      walk.events.transactions.commit();
      return { kind: 'harmless' };
    }
    if (isEnumStatement(value)) return { kind: 'enum' };
    // `conn.execute(q).fetchall()`: what matters is the execute inside.
    const inner = meaningOf(value.receiver, frame, walk);
    return inner.kind === 'execute' ? inner : { kind: 'unknown' };
  }
  const segments = value.callee.split('.');
  const [owner, method] = segments.length === 2 ? segments : [undefined, undefined];
  if (value.callee.startsWith('alembic.op.') && segments.length === 3) {
    return { kind: 'operation', name: segments[2]! };
  }
  if (owner === 'op' && method && OP_HELPERS.has(method)) return { kind: 'harmless' };
  if (owner === 'op' && method) return { kind: 'operation', name: method };
  if (owner && method && frame.batches.has(owner)) {
    return { kind: 'operation', name: method, batch: frame.batches.get(owner)! };
  }
  if (owner === 'context' && method === 'execute') {
    return { kind: 'execute', statement: statementArgument(value) };
  }
  if (HARMLESS_CALLS.has(value.callee)) return { kind: 'harmless' };
  if (
    owner &&
    method &&
    LOG_METHODS.has(method) &&
    /log/i.test(owner) &&
    !walk.helpers.has(value.callee)
  ) {
    return { kind: 'harmless' };
  }
  return { kind: 'unknown' };
}

function statementArgument(call: PyCall): PyValue | undefined {
  return call.args[0] ?? kwarg(call, 'statement') ?? kwarg(call, 'sqltext');
}

/** `op.get_bind()`, `context.get_bind()`, `op.get_context().bind`, or a name bound to one. */
function isConnection(value: PyValue, scope: PythonScope): boolean {
  if (value.type === 'name') {
    const bound = scope.get(value.name);
    return bound !== undefined && bound.type !== 'name' && isConnection(bound, scope);
  }
  if (isCall(value) && !isMethodCall(value)) {
    return value.callee === 'op.get_bind' || value.callee === 'context.get_bind';
  }
  if (value.type === 'unknown') {
    return /^(op\.get_context\(\)|context|op\.get_context\(\)\.connection)\.(bind|connection)$/.test(
      value.source.replace(/\s+/g, ''),
    );
  }
  return false;
}

/**
 * `with op.batch_alter_table('t') as batch_op:` binds `batch_op` to `t`;
 * `with op.get_context().autocommit_block():` runs its body outside the transaction. Any other
 * context manager is reported, and its body read as if it ran plainly.
 */
function withStatement(statement: Node, frame: Frame, walk: Walk): 'stop' | undefined {
  const line = statement.startPosition.row + 1;
  const clause = statement.namedChildren.find((child) => child.type === 'with_clause');
  const body = statement.childForFieldName('body');
  if (!clause || !body) return undefined;
  const batches = new Map(frame.batches);
  let transaction = frame.transaction;
  const recreated: TableInput[] = [];
  for (const item of clause.namedChildren.filter((child) => child.type === 'with_item')) {
    const valueNode = item.childForFieldName('value');
    if (!valueNode) continue;
    const { expression, alias } = splitAlias(valueNode);
    const value = readExpression(expression, walk.scope);
    if (
      isCall(value) &&
      !isMethodCall(value) &&
      lastSegment(value.callee) === 'batch_alter_table'
    ) {
      const args = bindArguments(value, ['table_name', 'schema']);
      const name = identifierOf(args.table_name);
      if (!name) {
        walk.events
          .operation(line, frame.transaction)
          .unparsed(
            `batch_alter_table without a literal table name: the operations of the block are not read`,
          );
        return undefined;
      }
      const schema = asString(args.schema);
      const table: TableInput = { ...(schema ? { schema } : {}), name };
      if (alias) batches.set(alias, table);
      if (asString(kwarg(value, 'recreate')) === 'always') recreated.push(table);
    } else if (isMethodCall(value) && value.method === 'autocommit_block') {
      transaction = AUTOCOMMIT;
    } else {
      walk.events
        .operation(line, frame.transaction)
        .unparsed(
          `with ${excerpt(valueNode.text)}: the context manager is not understood; its body is read as if it ran plainly`,
        );
    }
  }
  const autocommit = transaction === AUTOCOMMIT && frame.transaction !== AUTOCOMMIT;
  // autocommit_block commits the running transaction, runs its body outside any, and begins a
  // new transaction after it.
  if (autocommit) walk.events.transactions.suspend();
  const result = walkBlock(body, { transaction, batches }, walk);
  if (autocommit) walk.events.transactions.resume();
  for (const table of recreated) {
    // recreate='always' rebuilds the table even on PostgreSQL: a copy of every row.
    walk.events.operation(line, frame.transaction).emit('data.migrated', {
      operation: 'insert',
      description: `batch_alter_table(recreate='always') rebuilds ${table.name}: a new table is created, every row copied into it, and the old table dropped`,
      table,
    });
  }
  return result;
}

function splitAlias(node: Node): { expression: Node; alias?: string } {
  if (node.type !== 'as_pattern') return { expression: node };
  const target = node.namedChildren.find((child) => child.type === 'as_pattern_target');
  const expression = node.namedChildren.find((child) => child.type !== 'as_pattern_target')!;
  const alias = target ? expressions(target)[0] : undefined;
  return {
    expression,
    ...(alias?.type === 'identifier' ? { alias: alias.text } : {}),
  };
}

/** The Alembic operations a statement contains, for the reason when it is not evaluated. */
function operationsInside(statement: Node): string[] {
  const found: string[] = [];
  const visit = (node: Node) => {
    if (found.length >= 5) return;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      const name = callee ? dottedName(callee) : undefined;
      const operation = name?.startsWith('op.') ? name.slice(3) : undefined;
      if (operation && !OP_HELPERS.has(operation) && !found.includes(name!)) found.push(name!);
    }
    for (const child of node.namedChildren) visit(child);
  };
  visit(statement);
  return found;
}
