import {
  chainRoot,
  excerpt,
  nestedCalls,
  type RbCall,
  type RbControl,
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
}

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
const BLOCK_RUNNERS = new Set(['up_only', 'say_with_time', 'suppress_messages']);
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
      runSchemaStatement(call, {
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

  /** Conditionals and loops: fine around data code, not around schema statements. */
  private control(control: RbControl, frame: Frame): void {
    this.opaque(control, frame, control.kind, 'quiet');
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
