import {
  chainRoot,
  excerpt,
  hasOption,
  nestedCalls,
  type RbCall,
  type RbControl,
  type RbHash,
  type RbHashEntry,
  type RbValue,
} from '../ruby/ruby-value';
import type { MigrationEvents, Transaction } from './rails-events';
import type { RailsMethod } from './rails-migration-file';
import type { SchemaOperations } from './rails-operations';
import { isSchemaStatement, runSchemaStatement } from './rails-statements';

export interface RunnerScope {
  readonly operations: SchemaOperations;
  /** The migration's own methods, for helpers `change` or `up` calls. */
  readonly methods: ReadonlyMap<string, RailsMethod>;
}

interface Frame {
  readonly transaction: Transaction;
  /** Block parameters of `reversible do |dir|`. */
  readonly directions: ReadonlySet<string>;
  /** Helpers being inlined, against recursion. */
  readonly inlining: ReadonlySet<string>;
  /** Inside `if X_exists?` / `unless X_exists?`: the semantics the guarded statements take. */
  readonly existence?: Existence;
}

type Existence = 'ifExists' | 'ifNotExists';

/** Calls of the migration with no effect on the schema (output, reads of the connection). */
const NO_EFFECT = new Set([
  'say',
  'puts',
  'p',
  'pp',
  'print',
  'private',
  'protected',
  'public',
  'sleep',
  'select_all',
  'select_one',
  'select_value',
  'select_values',
  'select_rows',
]);
/** Constants whose methods log, read the clock or the environment: no data work of their own. */
const UTILITY_CONSTANTS = new Set([
  'Rails',
  'ENV',
  'Time',
  'Date',
  'DateTime',
  'Logger',
  'STDOUT',
  'STDERR',
  'Kernel',
  'Benchmark',
]);
/** Calls whose block runs once, as written, when migrating up. */
const BLOCK_RUNNERS = new Set([
  'up_only',
  'say_with_time',
  'suppress_messages',
  // strong_migrations: runs its block, with its safety checks turned off.
  'safety_assured',
]);
/** The connection's checks of the schema, which guard statements in `if` / `unless`. */
const EXISTENCE_CHECKS = new Set([
  'table_exists?',
  'column_exists?',
  'index_exists?',
  'foreign_key_exists?',
  'check_constraint_exists?',
]);
/** Statements whose payload says `IF EXISTS` (`if_exists: true`). */
const IF_EXISTS_STATEMENTS = new Set([
  'drop_table',
  'drop_join_table',
  'remove_column',
  'remove_columns',
  'remove_index',
  'remove_reference',
  'remove_belongs_to',
  'remove_foreign_key',
  'remove_check_constraint',
  'remove_exclusion_constraint',
  'remove_unique_constraint',
]);
/** Statements whose payload says `IF NOT EXISTS` (`if_not_exists: true`). */
const IF_NOT_EXISTS_STATEMENTS = new Set(['create_table', 'create_join_table', 'add_index']);
const ENTRY_POINTS = new Set(['change', 'up', 'down']);

/**
 * Follows the statements of `change` (or `up`) as Rails runs them when migrating up: schema
 * statements become events; `reversible` runs its `up` branch; data code (`User.update_all`,
 * `find_each`) becomes `data.migrated`; what cannot be followed statically — schema statements
 * under a condition or in a loop, unknown methods — becomes `migration.unparsed` with its line,
 * and the rest of the migration is still read.
 */
export class MigrationRunner {
  constructor(
    private readonly events: MigrationEvents,
    private readonly scope: RunnerScope,
  ) {}

  run(body: readonly RbValue[]): void {
    this.statements(body, {
      transaction: this.events.transaction,
      directions: new Set(),
      inlining: new Set(),
    });
  }

  private statements(body: readonly RbValue[], frame: Frame): void {
    for (const statement of body) this.statement(statement, frame);
  }

  private statement(value: RbValue, frame: Frame): void {
    switch (value.type) {
      case 'call':
        return this.call(value, frame);
      case 'assignment':
        if (value.value.type === 'call') this.call(value.value, frame);
        else if (value.value.type === 'control') this.control(value.value, frame);
        return;
      case 'control':
        return this.control(value, frame);
      case 'unknown':
        // Definitions (an inline model class, a helper) run nothing by being there.
        if (['method', 'singleton_method', 'class', 'module', 'alias'].includes(value.kind)) return;
        return this.problem(value.line, frame, `unsupported statement: ${excerpt(value.source)}`);
      default:
        return; // a literal or a name on its own does nothing
    }
  }

  private call(call: RbCall, frame: Frame): void {
    const receiver = call.receiver;
    if (receiver?.type === 'variable' && frame.directions.has(receiver.name)) {
      if (call.method === 'up') this.statements(call.block?.body ?? [], frame);
      else if (call.method !== 'down') {
        this.problem(call.line, frame, `unsupported call ${receiver.name}.${call.method}`);
      }
      return;
    }
    if (isOwnReceiver(receiver)) return this.ownCall(call, frame);
    const unrolled = this.unrolled(call);
    if (unrolled) {
      for (const body of unrolled) this.statements(body, frame);
      return;
    }
    const root = chainRoot(call);
    if (root?.type === 'constant') {
      // `User.transaction do ... end` opens a transaction like the migration's own method.
      if (call.method === 'transaction' && receiver?.type === 'constant') {
        const { receiver: _model, ...own } = call;
        return this.ownCall(own, frame);
      }
      // `User.reset_column_information` refreshes a model's cache; it touches no data.
      if (call.method === 'reset_column_information') return;
      return this.opaque(call, frame, call.method, isUtility(root.name) ? 'quiet' : 'data');
    }
    this.opaque(call, frame, call.method, 'problem');
  }

  private ownCall(call: RbCall, frame: Frame): void {
    const { method } = call;
    if (isSchemaStatement(method)) {
      runSchemaStatement(withExistence(call, frame.existence), {
        operations: this.scope.operations,
        events: this.events.operation(call.line, frame.transaction),
      });
      return;
    }
    if (method === 'reversible') {
      const direction = call.block?.params[0];
      const directions = direction ? new Set([...frame.directions, direction]) : frame.directions;
      return this.statements(call.block?.body ?? [], { ...frame, directions });
    }
    if (BLOCK_RUNNERS.has(method)) return this.statements(call.block?.body ?? [], frame);
    if (method === 'transaction') {
      // Inside the migration's own transaction a nested one changes nothing; without it, the
      // block is a transaction of its own.
      const transaction: Transaction = frame.transaction.inTransaction
        ? frame.transaction
        : { inTransaction: true, transactionSource: 'explicit' };
      return this.statements(call.block?.body ?? [], { ...frame, transaction });
    }
    if (method === 'revert') {
      return this.problem(call.line, frame, 'revert is not followed (its statements run reversed)');
    }
    if (NO_EFFECT.has(method) || method.endsWith('?')) return;
    const helper = ENTRY_POINTS.has(method) ? undefined : this.scope.methods.get(method);
    if (helper) {
      if (frame.inlining.has(method)) {
        return this.problem(call.line, frame, `${method} calls itself`);
      }
      if (helper.parameters.length > 0 || call.args.length > 0 || call.options) {
        return this.problem(call.line, frame, `helper ${method} with arguments is not followed`);
      }
      return this.statements(helper.body, {
        ...frame,
        inlining: new Set([...frame.inlining, method]),
      });
    }
    this.problem(call.line, frame, `unsupported method ${method}`);
  }

  /**
   * Conditionals and loops: fine around data code, not around schema statements — except an
   * `if` / `unless` on an existence check (`unless column_exists?(:users, :name)`), whose
   * statements run with if-exists / if-not-exists semantics.
   */
  private control(control: RbControl, frame: Frame): void {
    const guard = control.guard;
    const condition = guard?.condition;
    if (
      guard &&
      condition?.type === 'call' &&
      EXISTENCE_CHECKS.has(condition.method) &&
      isOwnReceiver(condition.receiver) &&
      !condition.block &&
      this.hasSchemaCalls(guard.body)
    ) {
      const existence: Existence = control.kind.startsWith('unless') ? 'ifNotExists' : 'ifExists';
      return this.statements(guard.body, { ...frame, existence });
    }
    this.opaque(control, frame, control.kind, 'quiet');
  }

  /**
   * `%i[a b].each { |c| add_index :t, c }`: over a literal array of names, with the block
   * variable used only as an argument, the body once per item with the item in its place.
   */
  private unrolled(call: RbCall): RbValue[][] | undefined {
    const items = call.receiver?.type === 'array' ? call.receiver.items : undefined;
    const params = call.block?.params ?? [];
    if (call.method !== 'each' || !items || params.length !== 1 || call.args.length > 0) {
      return undefined;
    }
    if (items.some((item) => item.type !== 'symbol' && item.type !== 'string')) return undefined;
    const body = call.block!.body;
    if (!this.hasSchemaCalls(body)) return undefined;
    const bodies: RbValue[][] = [];
    for (const item of items) {
      const replaced = body.map((statement) =>
        substitute(statement, params[0]!, item, 'statement'),
      );
      if (replaced.some((statement) => statement === undefined)) return undefined;
      bodies.push(replaced as RbValue[]);
    }
    return bodies;
  }

  private hasSchemaCalls(body: readonly RbValue[]): boolean {
    return body.some((statement) => nestedCalls(statement).some((call) => this.isSchemaCall(call)));
  }

  /**
   * Code the adapter does not follow. Schema statements inside it are reported; otherwise code
   * that works on models is data code; otherwise `otherwise` says what the code itself is: data
   * code (a model call), a problem (an unknown call) or nothing to record (a condition, a log).
   */
  private opaque(
    value: RbCall | RbControl,
    frame: Frame,
    what: string,
    otherwise: 'data' | 'problem' | 'quiet',
  ): void {
    const calls = nestedCalls(value);
    if (calls.some((call) => this.isSchemaCall(call))) {
      return this.problem(
        value.line,
        frame,
        `schema statements inside ${what} cannot be read statically: ${excerpt(value.source)}`,
      );
    }
    const onModels = calls.some((call) => {
      const root = chainRoot(call);
      return root?.type === 'constant' && !isUtility(root.name);
    });
    if (onModels || otherwise === 'data') return this.dataCode(value, frame);
    if (otherwise === 'problem') {
      this.problem(value.line, frame, `unsupported call ${excerpt(value.source)}`);
    }
  }

  private isSchemaCall(call: RbCall): boolean {
    if (!isOwnReceiver(call.receiver)) return false;
    // Blocks (`reversible`, `say_with_time`) are searched by nestedCalls; a helper's body is not.
    return (
      isSchemaStatement(call.method) ||
      (!ENTRY_POINTS.has(call.method) && this.scope.methods.has(call.method))
    );
  }

  private dataCode(value: RbCall | RbControl, frame: Frame): void {
    this.events
      .operation(value.line, frame.transaction)
      .emit('data.migrated', { operation: 'code', description: excerpt(value.source, 200) });
  }

  private problem(line: number, frame: Frame, message: string): void {
    this.events.operation(line, frame.transaction).unparsed(`line ${line}: ${message}`, line);
  }
}

function isUtility(constant: string): boolean {
  return UTILITY_CONSTANTS.has(constant.split('::')[0] ?? '');
}

/**
 * The migration itself: no receiver, `self`, or its connection (`connection.execute`,
 * `ActiveRecord::Base.connection.execute`), which Rails' migration forwards to.
 */
function isOwnReceiver(receiver: RbValue | undefined): boolean {
  if (receiver === undefined) return true;
  if (receiver.type === 'variable') return receiver.name === 'self';
  if (receiver.type === 'call' && receiver.method === 'connection' && receiver.args.length === 0) {
    return (
      receiver.receiver === undefined ||
      isOwnReceiver(receiver.receiver) ||
      receiver.receiver.type === 'constant'
    );
  }
  return false;
}

/** A schema statement under an existence guard, with the option that says so where it has one. */
function withExistence(call: RbCall, existence: Existence | undefined): RbCall {
  if (existence === undefined) return call;
  const [key, statements] =
    existence === 'ifExists'
      ? ['if_exists', IF_EXISTS_STATEMENTS]
      : ['if_not_exists', IF_NOT_EXISTS_STATEMENTS];
  if (!statements.has(call.method) || hasOption(call, key)) return call;
  const line = call.line;
  return {
    ...call,
    options: {
      type: 'hash',
      entries: [
        ...(call.options?.entries ?? []),
        {
          key: { type: 'symbol', value: key, line },
          value: { type: 'boolean', value: true, line },
        },
      ],
      line,
    },
  };
}

/**
 * `value` with the block variable `name` replaced by `item`, or undefined when the variable is
 * used other than as an argument (a receiver, in interpolation, assigned, on its own).
 */
function substitute(
  value: RbValue,
  name: string,
  item: RbValue,
  position: 'argument' | 'statement',
): RbValue | undefined {
  const mentions = (source: string): boolean =>
    new RegExp(`(^|[^A-Za-z0-9_@$:])${name}(?![A-Za-z0-9_?!:])`).test(source);
  switch (value.type) {
    case 'variable':
      if (value.name !== name) return value;
      return position === 'argument' ? { ...item, line: value.line } : undefined;
    case 'call': {
      if (value.method === name && !value.receiver && value.args.length === 0) return undefined;
      const receiver = value.receiver && substitute(value.receiver, name, item, 'statement');
      if (value.receiver && !receiver) return undefined;
      const args = value.args.map((arg) => substitute(arg, name, item, 'argument'));
      if (args.some((arg) => arg === undefined)) return undefined;
      const options = value.options && substitute(value.options, name, item, 'argument');
      if (value.options && !options) return undefined;
      let block = value.block;
      if (block && !block.params.includes(name)) {
        const body = block.body.map((statement) => substitute(statement, name, item, 'statement'));
        if (body.some((statement) => statement === undefined)) return undefined;
        block = { ...block, body: body as RbValue[] };
      }
      return {
        ...value,
        ...(receiver ? { receiver } : {}),
        args: args as RbValue[],
        ...(options ? { options: options as RbHash } : {}),
        ...(block ? { block } : {}),
      };
    }
    case 'array': {
      const items = value.items.map((inner) => substitute(inner, name, item, position));
      if (items.some((inner) => inner === undefined)) return undefined;
      return { ...value, items: items as RbValue[] };
    }
    case 'hash': {
      const entries: RbHashEntry[] = [];
      for (const entry of value.entries) {
        const replaced = substitute(entry.value, name, item, position);
        if (!replaced) return undefined;
        entries.push({ key: entry.key, value: replaced });
      }
      return { ...value, entries };
    }
    case 'control': {
      // An existence guard inside the loop (`add_index :t, c unless index_exists?(:t, c)`).
      const guard = value.guard;
      if (!guard) return mentions(value.source) ? undefined : value;
      const each = (values: readonly RbValue[]): RbValue[] | undefined => {
        const replaced = values.map((inner) => substitute(inner, name, item, 'statement'));
        return replaced.some((inner) => inner === undefined) ? undefined : (replaced as RbValue[]);
      };
      const [condition] = each([guard.condition]) ?? [];
      const statements = each(value.statements);
      const body = each(guard.body);
      if (!condition || !statements || !body) return undefined;
      return { ...value, statements, guard: { condition, body } };
    }
    case 'lambda':
    case 'assignment':
    case 'unknown':
      return mentions(value.source) ? undefined : value;
    default:
      return value;
  }
}
