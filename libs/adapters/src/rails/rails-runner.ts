import {
  chainRoot,
  excerpt,
  hasOption,
  interpolatedText,
  nestedCalls,
  stringFromParts,
  type RbAssignment,
  type RbCall,
  type RbControl,
  type RbHash,
  type RbHashEntry,
  type RbStringPart,
  type RbValue,
} from '../ruby/ruby-value';
import type { SqlParser } from '../sql/sql-parser';
import type { MigrationEvents, Transaction } from './rails-events';
import type { RailsMethod } from './rails-migration-file';
import type { SchemaOperations } from './rails-operations';
import { isSchemaStatement, runSchemaStatement } from './rails-statements';

export interface RunnerScope {
  readonly operations: SchemaOperations;
  /** The migration's own methods, for helpers `change` or `up` calls. */
  readonly methods: ReadonlyMap<string, RailsMethod>;
  /** Reads the SQL of `execute`. */
  readonly sqlParser: SqlParser;
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
/** The connection's SQL statements, whose result a chain may read (`execute("SELECT …").to_a`). */
const SQL_RUNNERS = new Set(['execute', 'exec_query']);

/**
 * Follows the statements of `change` (or `up`) as Rails runs them when migrating up: schema
 * statements become events; `reversible` runs its `up` branch; data code (`User.update_all`,
 * `find_each`) becomes `data.migrated`; what cannot be followed statically — schema statements
 * under a condition or in a loop, unknown methods — becomes `migration.unparsed` with its line,
 * and the rest of the migration is still read.
 */
export class MigrationRunner {
  /** Local variables assigned model code (`records = User.where(…)`): their calls are data code. */
  private readonly dataVariables = new Set<string>();
  /** Whether each helper (or a helper it calls) runs schema statements. */
  private readonly schemaHelpers = new Map<string, boolean>();

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
        return this.assignment(value, frame);
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

  private assignment(assignment: RbAssignment, frame: Frame): void {
    const value = assignment.value;
    // `Spree::Config.currency = "EUR"`: a setting of the application, kept in its database.
    if (/^[A-Z][\w:]*\s*\./.test(assignment.target) && !this.hasSchemaCalls([value])) {
      return this.dataCode(assignment, frame);
    }
    if (value.type === 'call') {
      if (/^[a-z_]\w*$/.test(assignment.target) && this.isDataChain(value)) {
        this.dataVariables.add(assignment.target);
      }
      this.call(value, frame);
    } else if (value.type === 'control') this.control(value, frame);
  }

  /** A call of a helper without arguments whose body is one chain on a model. */
  private isModelHelper(call: RbCall): boolean {
    if (call.receiver || call.args.length > 0 || call.options || call.block) return false;
    const helper = ENTRY_POINTS.has(call.method) ? undefined : this.scope.methods.get(call.method);
    const only =
      helper?.parameters.length === 0 && helper.body.length === 1 ? helper.body[0] : undefined;
    return only?.type === 'call' && !this.helperHasSchema(call.method) && this.isDataChain(only);
  }

  /** A chain on a model (`User.where(…)`) or on a variable holding one. */
  private isDataChain(call: RbCall): boolean {
    const root = chainRoot(call);
    if (root?.type === 'constant') return !isUtility(root.name);
    return root?.type === 'variable' && this.dataVariables.has(root.name);
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
    // `records.update_all(…)` on `records = User.where(…)`; `"nodes".classify.constantize`;
    // `customers.find_each` on a helper `def customers = Customer.where(…)`.
    if (
      (root?.type === 'variable' && this.dataVariables.has(root.name)) ||
      chainHas(call, 'constantize') ||
      (root?.type === 'call' && this.isModelHelper(root))
    ) {
      return this.opaque(call, frame, call.method, 'data');
    }
    // A chain reading the connection (`select_value(…).to_i`) or a literal (`[].join`): Ruby
    // work on values, nothing to record unless it holds schema statements or model code.
    if (
      (root?.type === 'call' &&
        isOwnReceiver(root.receiver) &&
        (NO_EFFECT.has(root.method) || (SQL_RUNNERS.has(root.method) && isQuery(root)))) ||
      (root !== undefined && isLiteralValue(root))
    ) {
      return this.opaque(call, frame, call.method, 'quiet', root);
    }
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
        sqlParser: this.scope.sqlParser,
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
      const body = this.boundHelper(helper, call);
      if (!body) {
        return this.problem(call.line, frame, `helper ${method} with arguments is not followed`);
      }
      return this.statements(body, {
        ...frame,
        inlining: new Set([...frame.inlining, method]),
      });
    }
    if (method === 'raise' || method === 'fail') {
      return this.problem(call.line, frame, `${method}: the migration stops here with an error`);
    }
    this.problem(
      call.line,
      frame,
      `unsupported method ${method}: neither an Active Record statement nor a method of this migration (a helper defined elsewhere in the application or a gem cannot be followed)`,
    );
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
   * A helper called with literal arguments (`convert("FlatRate")`): its body with each parameter
   * replaced by its argument, as loops are unrolled; undefined when that cannot be done (other
   * than plain positional parameters, arguments that are not literals, a parameter used other
   * than as a value).
   */
  private boundHelper(helper: RailsMethod, call: RbCall): RbValue[] | undefined {
    if (helper.parameters.length === 0 && call.args.length === 0 && !call.options) {
      return [...helper.body];
    }
    if (
      call.options ||
      call.dynamicArguments ||
      call.block ||
      helper.parameters.length !== call.args.length ||
      !helper.parameters.every((parameter) => /^[a-z_]\w*$/.test(parameter)) ||
      !call.args.every(isLiteralValue)
    ) {
      return undefined;
    }
    let body: (RbValue | undefined)[] = [...helper.body];
    helper.parameters.forEach((parameter, i) => {
      body = body.map(
        (statement) =>
          statement &&
          substitute(statement, parameter, call.args[i]!, 'statement', this.opaqueCheck),
      );
    });
    return body.some((statement) => statement === undefined) ? undefined : (body as RbValue[]);
  }

  /**
   * `%i[a b].each { |c| add_index :t, c }`: over a literal array of names (also an instance
   * variable or local bound to one), with the block variable used as a value, the body once per
   * item with the item in its place; over a literal hash (`{a: "b"}.each do |key, value|`), once
   * per entry with both.
   */
  private unrolled(call: RbCall): RbValue[][] | undefined {
    const receiver = call.receiver;
    const params = call.block?.params ?? [];
    if (call.method !== 'each' || !receiver || call.args.length > 0 || call.options) {
      return undefined;
    }
    let bindings: (readonly RbValue[])[];
    if (receiver.type === 'array' && params.length === 1) {
      bindings = receiver.items.map((item) => [item]);
    } else if (receiver.type === 'hash' && params.length === 2) {
      bindings = receiver.entries.map((entry) => [entry.key, entry.value]);
    } else {
      return undefined;
    }
    if (bindings.some((items) => items.some((item) => !isName(item)))) return undefined;
    const body = call.block!.body;
    if (!this.hasSchemaCalls(body)) return undefined;
    const bodies: RbValue[][] = [];
    for (const items of bindings) {
      let replaced: (RbValue | undefined)[] = [...body];
      items.forEach((item, i) => {
        replaced = replaced.map(
          (statement) =>
            statement && substitute(statement, params[i]!, item, 'statement', this.opaqueCheck),
        );
      });
      if (replaced.some((statement) => statement === undefined)) return undefined;
      bodies.push(replaced as RbValue[]);
    }
    return bodies;
  }

  /** Code that may keep a loop variable unreplaced: what holds no schema statement. */
  private readonly opaqueCheck = (value: RbValue): boolean => !this.hasSchemaCalls([value]);

  private hasSchemaCalls(body: readonly RbValue[]): boolean {
    return body.some((statement) => nestedCalls(statement).some((call) => this.isSchemaCall(call)));
  }

  /** Whether a helper of the migration runs schema statements, itself or through helpers. */
  private helperHasSchema(method: string, seen: ReadonlySet<string> = new Set()): boolean {
    const known = this.schemaHelpers.get(method);
    if (known !== undefined) return known;
    const helper = this.scope.methods.get(method);
    if (!helper || seen.has(method)) return false;
    const inner = new Set([...seen, method]);
    const result = helper.body.some((statement) =>
      nestedCalls(statement).some(
        (call) =>
          isOwnReceiver(call.receiver) &&
          (isSchemaStatement(call.method) ||
            (!ENTRY_POINTS.has(call.method) && this.helperHasSchema(call.method, inner))),
      ),
    );
    if (seen.size === 0) this.schemaHelpers.set(method, result);
    return result;
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
    /** A read of the connection at the root of the chain, not itself a schema statement. */
    read?: RbValue,
  ): void {
    const calls = nestedCalls(value).filter((call) => call !== read);
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
    // Blocks (`reversible`, `say_with_time`) are searched by nestedCalls; a helper's body is
    // searched here, so that a helper reading models (`def scope = User.where(…)`) is not one.
    return (
      isSchemaStatement(call.method) ||
      (!ENTRY_POINTS.has(call.method) && this.helperHasSchema(call.method))
    );
  }

  private dataCode(value: RbCall | RbControl | RbAssignment, frame: Frame): void {
    this.events
      .operation(value.line, frame.transaction)
      .emit('data.migrated', { operation: 'code', description: excerpt(value.source, 200) });
  }

  private problem(line: number, frame: Frame, message: string): void {
    this.events.operation(line, frame.transaction).unparsed(`line ${line}: ${message}`, line);
  }
}

/** Whether a call chain calls `method` somewhere (`tbl.classify.constantize.update_all`). */
function chainHas(call: RbCall, method: string): boolean {
  let current: RbValue | undefined = call;
  while (current?.type === 'call') {
    if (current.method === method) return true;
    current = current.receiver;
  }
  return false;
}

/** `execute("SELECT …")`: a query whose rows the chain reads. */
function isQuery(call: RbCall): boolean {
  const sql = call.args[0];
  const text = sql?.type === 'string' ? sql.value : undefined;
  return text !== undefined && /^\s*select\b/i.test(text) && !/;\s*\S/.test(text);
}

function isLiteralValue(value: RbValue): boolean {
  return ['string', 'symbol', 'integer', 'float', 'boolean', 'nil', 'array', 'hash'].includes(
    value.type,
  );
}

/** A symbol or string: what a loop may put in place of its variable. */
function isName(value: RbValue): boolean {
  return value.type === 'symbol' || value.type === 'string';
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
 * `value` with the variable `name` (a block or helper parameter) replaced by `item`, or undefined
 * when the variable is used other than as a value (a statement of its own, assigned, inside code
 * not followed that holds schema statements). Code not followed that `keep` accepts (it holds no
 * schema statement) is kept as written.
 */
function substitute(
  value: RbValue,
  name: string,
  item: RbValue,
  position: 'argument' | 'statement',
  keep: (value: RbValue) => boolean = () => false,
): RbValue | undefined {
  const mentions = (source: string): boolean =>
    new RegExp(`(^|[^A-Za-z0-9_@$:])${name}(?![A-Za-z0-9_?!:])`).test(source);
  const each = (values: readonly RbValue[], at: 'argument' | 'statement') => {
    const replaced = values.map((inner) => substitute(inner, name, item, at, keep));
    return replaced.some((inner) => inner === undefined) ? undefined : (replaced as RbValue[]);
  };
  if (isVariable(value, name)) {
    return position === 'argument' ? { ...item, line: value.line } : undefined;
  }
  switch (value.type) {
    case 'variable':
      return value;
    case 'call': {
      // A receiver is a value too: `tbl.classify.constantize.update_all(…)` on `"nodes"`.
      const receiver = value.receiver && substitute(value.receiver, name, item, 'argument', keep);
      if (value.receiver && !receiver) return undefined;
      const args = each(value.args, 'argument');
      if (!args) return undefined;
      const options = value.options && substitute(value.options, name, item, 'argument', keep);
      if (value.options && !options) return undefined;
      let block = value.block;
      if (block && !block.params.includes(name)) {
        const body = each(block.body, 'statement');
        if (!body) return undefined;
        block = { ...block, body };
      }
      return {
        ...value,
        ...(receiver ? { receiver } : {}),
        args,
        ...(options ? { options: options as RbHash } : {}),
        ...(block ? { block } : {}),
      };
    }
    case 'array': {
      const items = each(value.items, 'argument');
      return items && { ...value, items };
    }
    case 'hash': {
      const entries: RbHashEntry[] = [];
      for (const entry of value.entries) {
        const replaced = substitute(entry.value, name, item, 'argument', keep);
        if (!replaced) return undefined;
        entries.push({ key: entry.key, value: replaced });
      }
      return { ...value, entries };
    }
    case 'control': {
      // An existence guard inside the loop (`add_index :t, c unless index_exists?(:t, c)`).
      const guard = value.guard;
      if (!guard) return !mentions(value.source) || keep(value) ? value : undefined;
      const [condition] = each([guard.condition], 'statement') ?? [];
      const statements = each(value.statements, 'statement');
      const body = each(guard.body, 'statement');
      if (!condition || !statements || !body) return undefined;
      return { ...value, statements, guard: { condition, body } };
    }
    case 'unknown': {
      // `"#{tbl}_redaction_fkey"`: the item's text in the string.
      const text = interpolatedText(item);
      if (value.parts && text !== undefined) {
        const parts: RbStringPart[] = value.parts.map((part) =>
          typeof part !== 'string' && part.value && isVariable(part.value, name) ? text : part,
        );
        const rebuilt = stringFromParts(parts, value.source, value.kind, value.line);
        const left = rebuilt.type === 'unknown' ? (rebuilt.parts ?? []) : [];
        return left.some((part) => typeof part !== 'string' && mentions(part.source))
          ? undefined
          : rebuilt;
      }
      return !mentions(value.source) || keep(value) ? value : undefined;
    }
    case 'lambda':
    case 'assignment':
      return !mentions(value.source) || keep(value) ? value : undefined;
    default:
      return value;
  }
}

/** The variable `name`: a block variable, or a bare name read as a call (a method parameter). */
function isVariable(value: RbValue, name: string): boolean {
  if (value.type === 'variable') return value.name === name;
  return (
    value.type === 'call' &&
    value.method === name &&
    !value.receiver &&
    value.args.length === 0 &&
    !value.options &&
    !value.block
  );
}
