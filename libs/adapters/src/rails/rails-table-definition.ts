import {
  asName,
  asNames,
  asString,
  excerpt,
  hashGet,
  nestedCalls,
  toRubySource,
  truthy,
  type RbCall,
  type RbHash,
  type RbValue,
} from '../ruby/ruby-value';
import {
  columnDefinition,
  foreignKeyDefinition,
  indexDefinition,
  MigrationProblem,
  primaryKeyColumn,
  referenceDefinition,
  timestampColumns,
  type ForeignKeyBuild,
  type IndexBuild,
} from './rails-columns';
import type { RailsBehaviour } from './rails-compatibility';
import type { ColumnInput, ConstraintInput } from './rails-events';
import {
  checkConstraintName,
  exclusionConstraintName,
  primaryKeyIndexName,
  uniqueConstraintName,
} from './rails-names';

/** The column types Rails' table definitions have a method for (`t.string`, `t.jsonb`, ...). */
export const COLUMN_TYPES = new Set([
  'bigint',
  'binary',
  'blob',
  'boolean',
  'date',
  'datetime',
  'decimal',
  'numeric',
  'float',
  'integer',
  'json',
  'string',
  'text',
  'time',
  'timestamp',
  'virtual',
  // PostgreSQL's own
  'bigserial',
  'bit',
  'bit_varying',
  'cidr',
  'citext',
  'daterange',
  'hstore',
  'inet',
  'interval',
  'int4range',
  'int8range',
  'jsonb',
  'ltree',
  'macaddr',
  'money',
  'numrange',
  'oid',
  'point',
  'line',
  'lseg',
  'box',
  'path',
  'polygon',
  'circle',
  'serial',
  'tsrange',
  'tstzrange',
  'tsvector',
  'uuid',
  'xml',
  'timestamptz',
  'enum',
]);

/** The other methods of a `create_table` block's table definition. */
const TABLE_DEFINITION_METHODS = new Set([
  'column',
  'primary_key',
  'timestamps',
  'references',
  'belongs_to',
  'index',
  'foreign_key',
  'check_constraint',
  'exclusion_constraint',
  'unique_constraint',
]);

/** `t.numeric` is `t.decimal`, `t.blob` is `t.binary`, `t.timestamp` is `t.datetime`. */
export function columnMethodType(method: string): string {
  if (method === 'numeric') return 'decimal';
  if (method === 'blob') return 'binary';
  return method;
}

interface Placed<T> {
  readonly item: T;
  readonly line: number;
}

/**
 * What a `create_table` block declares, in the order Rails puts it into the CREATE TABLE
 * statement (columns, composite key, foreign keys, constraints) and the indexes it creates after.
 */
export class TableDefinition {
  readonly columns: Placed<ColumnInput>[] = [];
  readonly indexes: Placed<IndexBuild>[] = [];
  readonly foreignKeys: Placed<ForeignKeyBuild>[] = [];
  readonly constraints: Placed<ConstraintInput>[] = [];
  readonly problems: Placed<string>[] = [];
  compositeKey?: Placed<ConstraintInput>;

  constructor(
    readonly table: string,
    private readonly behaviour: RailsBehaviour,
  ) {}

  /**
   * The primary key `create_table` adds before the block runs: `id: false` adds none,
   * `id: :uuid` (or a hash with `type:`) types it, `primary_key:` names it (an array of names
   * makes a composite key of columns the block defines).
   */
  primaryKey(
    id: RbValue | undefined,
    primaryKey: RbValue | undefined,
    keyOptions: RbHash,
    line: number,
  ): void {
    if (id !== undefined && truthy(id) === false) return;
    let type = 'primary_key';
    let options = keyOptions;
    if (id?.type === 'hash') {
      type = asName(hashGet(id, 'type')) ?? 'primary_key';
      options = {
        ...keyOptions,
        entries: [
          ...keyOptions.entries,
          ...id.entries.filter((entry) => asName(entry.key) !== 'type'),
        ],
      };
    } else if (id !== undefined && id.type !== 'boolean') {
      const named = asName(id);
      if (named === undefined) throw new MigrationProblem(`id: ${toRubySource(id)} is not a type`);
      type = named;
    }
    if (primaryKey?.type === 'array') {
      const columns = asNames(primaryKey);
      if (!columns) throw new MigrationProblem('primary_key: is not a list of names');
      this.compositeKey = {
        item: {
          name: primaryKeyIndexName(this.table),
          type: 'primary-key',
          columns,
        },
        line,
      };
      return;
    }
    const name = primaryKey === undefined ? 'id' : asName(primaryKey);
    if (name === undefined) throw new MigrationProblem('primary_key: is not a name');
    this.columns.push({ item: primaryKeyColumn(name, type, options, this.behaviour), line });
  }

  /** Reads the block's `t.…` statements; what is not a table method is reported. */
  read(statements: readonly RbValue[], variable: string | undefined): void {
    for (const statement of statements) {
      if (
        statement.type === 'call' &&
        statement.receiver?.type === 'variable' &&
        statement.receiver.name === variable
      ) {
        if (
          !COLUMN_TYPES.has(statement.method) &&
          !TABLE_DEFINITION_METHODS.has(statement.method)
        ) {
          this.problems.push({
            item: `unsupported table method t.${statement.method}`,
            line: statement.line,
          });
          continue;
        }
        try {
          this.call(statement);
        } catch (error: unknown) {
          if (!(error instanceof MigrationProblem)) throw error;
          this.problems.push({
            item: `t.${statement.method}: ${error.message}`,
            line: statement.line,
          });
        }
      } else if (statement.type === 'control') {
        const declares = nestedCalls(statement).some(
          (call) => call.receiver?.type === 'variable' && call.receiver.name === variable,
        );
        this.problems.push({
          item: declares
            ? `${statement.kind} around table definitions cannot be read statically: ${excerpt(statement.source)}`
            : `unsupported statement in create_table: ${excerpt(statement.source)}`,
          line: statement.line,
        });
      } else if (
        statement.type !== 'nil' &&
        statement.type !== 'string' &&
        statement.type !== 'symbol'
      ) {
        this.problems.push({
          item: `unsupported statement in create_table: ${excerpt(toRubySource(statement))}`,
          line: statement.line,
        });
      }
    }
  }

  private call(call: RbCall): void {
    if (call.dynamicArguments) throw new MigrationProblem('arguments are not known statically');
    const { method, line } = call;
    if (COLUMN_TYPES.has(method)) {
      const names = call.args.map(asName);
      if (names.length === 0 || names.some((name) => name === undefined)) {
        throw new MigrationProblem('column names are not literal');
      }
      for (const name of names) this.column(name!, columnMethodType(method), call.options, line);
      return;
    }
    switch (method) {
      case 'column': {
        const [name, type] = [asName(call.args[0]), asName(call.args[1])];
        if (name === undefined || type === undefined) {
          throw new MigrationProblem('column name or type is not literal');
        }
        return this.column(name, type, call.options, line);
      }
      case 'primary_key': {
        const name = asName(call.args[0]);
        const type = call.args[1] === undefined ? 'primary_key' : asName(call.args[1]);
        if (name === undefined || type === undefined) {
          throw new MigrationProblem('primary key name or type is not literal');
        }
        this.columns.push({
          item: primaryKeyColumn(name, type, call.options ?? emptyHash(line), this.behaviour),
          line,
        });
        return;
      }
      case 'timestamps':
        for (const column of timestampColumns(call.options, this.behaviour)) {
          this.columns.push({ item: column, line });
        }
        return;
      case 'references':
      case 'belongs_to':
        for (const value of call.args) {
          const name = asName(value);
          if (name === undefined) throw new MigrationProblem('reference name is not literal');
          this.references(name, call.options, line);
        }
        return;
      case 'index':
        this.indexes.push({
          item: indexDefinition(this.table, call.args[0], call.options, this.behaviour),
          line,
        });
        return;
      case 'foreign_key': {
        const toTable = asName(call.args[0]);
        if (toTable === undefined) throw new MigrationProblem('referenced table is not literal');
        this.foreignKeys.push({
          item: foreignKeyDefinition(this.table, toTable, call.options),
          line,
        });
        return;
      }
      case 'check_constraint': {
        const expression = asString(call.args[0]);
        if (expression === undefined)
          throw new MigrationProblem('expression is not a literal string');
        this.constraints.push({
          item: checkConstraint(this.table, expression, call.options),
          line,
        });
        return;
      }
      case 'exclusion_constraint': {
        const expression = asString(call.args[0]);
        if (expression === undefined)
          throw new MigrationProblem('expression is not a literal string');
        this.constraints.push({
          item: exclusionConstraint(this.table, expression, call.options),
          line,
        });
        return;
      }
      case 'unique_constraint': {
        const columns = asNames(call.args[0]);
        if (!columns) throw new MigrationProblem('columns are not literal names');
        this.constraints.push({ item: uniqueConstraint(this.table, columns, call.options), line });
        return;
      }
      default:
        throw new MigrationProblem(`unsupported table method ${method}`);
    }
  }

  column(name: string, type: string, options: RbHash | undefined, line: number): void {
    const built = columnDefinition(name, type, options, this.behaviour);
    this.columns.push({ item: built.column, line });
    if (built.index) {
      const indexOptions = built.index.type === 'hash' ? built.index : emptyHash(line);
      this.indexes.push({
        item: indexDefinition(this.table, symbol(name, line), indexOptions, this.behaviour),
        line,
      });
    }
  }

  references(name: string, options: RbHash | undefined, line: number): void {
    const built = referenceDefinition(this.table, name, options, this.behaviour);
    for (const column of built.columns) this.columns.push({ item: column, line });
    if (built.index) this.indexes.push({ item: built.index, line });
    if (built.foreignKey) this.foreignKeys.push({ item: built.foreignKey, line });
  }
}

export function checkConstraint(
  table: string,
  expression: string,
  options: RbHash | undefined,
): ConstraintInput {
  return {
    name: asName(hashGet(options, 'name')) ?? checkConstraintName(table, expression),
    type: 'check',
    expression,
    ...(truthy(hashGet(options, 'validate')) === false ? { notValid: true } : {}),
  };
}

export function exclusionConstraint(
  table: string,
  expression: string,
  options: RbHash | undefined,
): ConstraintInput {
  return {
    name: asName(hashGet(options, 'name')) ?? exclusionConstraintName(table, expression),
    type: 'exclusion',
    expression,
  };
}

export function uniqueConstraint(
  table: string,
  columns: readonly string[],
  options: RbHash | undefined,
): ConstraintInput {
  return {
    name: asName(hashGet(options, 'name')) ?? uniqueConstraintName(table, columns),
    type: 'unique',
    columns: [...columns],
  };
}

function emptyHash(line: number): RbHash {
  return { type: 'hash', entries: [], line };
}

function symbol(value: string, line: number): RbValue {
  return { type: 'symbol', value, line };
}
