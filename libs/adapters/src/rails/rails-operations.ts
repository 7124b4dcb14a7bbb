import type { RbValue } from '../ruby/ruby-value';
import {
  defaultOf,
  MigrationProblem,
  sqlLiteral,
  tableRef,
  type ForeignKeyBuild,
  type IndexBuild,
  type ReferenceBuild,
} from './rails-columns';
import type { RailsBehaviour } from './rails-compatibility';
import type { ColumnInput, ConstraintInput, StatementEvents } from './rails-events';
import { singularize } from './rails-inflector';
import {
  foreignKeyName,
  indexName,
  primaryKeyIndexName,
  serialSequenceName,
  splitQualified,
} from './rails-names';
import { sameColumns, type RailsSchema, type TableState } from './rails-schema';
import type { TableDefinition } from './rails-table-definition';

/** How to find an existing index or constraint: by name, else by what it covers. */
export interface IndexLookup {
  readonly name?: string;
  readonly columns?: readonly string[];
  readonly expression?: string;
}

export interface ForeignKeyLookup {
  readonly name?: string;
  readonly toTable?: string;
  readonly columns?: readonly string[];
}

/**
 * The schema statements of Active Record on PostgreSQL, as events: each method emits what Rails
 * runs, in its order, and keeps the schema state later migrations look things up in.
 */
export class SchemaOperations {
  constructor(
    readonly schema: RailsSchema,
    readonly behaviour: RailsBehaviour,
  ) {}

  // -------------------------------------------------------------------------------------------
  // Tables

  createTable(
    events: StatementEvents,
    definition: TableDefinition,
    flags: { ifNotExists: boolean; replaceExisting: boolean; comment?: string },
  ): void {
    const table = tableRef(definition.table);
    events.emit('table.created', {
      table,
      ...(flags.ifNotExists ? { ifNotExists: true } : {}),
      ...(flags.replaceExisting ? { replaceExisting: true } : {}),
    });
    const keyColumns = definition.compositeKey?.item.columns ?? [];
    for (const { item, line } of definition.columns) {
      // PostgreSQL makes the columns of a primary key NOT NULL.
      const column = keyColumns.includes(item.name) ? { ...item, nullable: false } : item;
      events.at(line).emit('column.added', { table, column });
    }
    if (definition.compositeKey) {
      const { item, line } = definition.compositeKey;
      events.at(line).emit('constraint.added', { table, constraint: item });
    }
    for (const { item, line } of definition.foreignKeys) {
      events.at(line).emit('constraint.added', { table, constraint: item.constraint });
    }
    for (const { item, line } of definition.constraints) {
      events.at(line).emit('constraint.added', { table, constraint: item });
    }
    for (const { item, line } of definition.indexes) {
      const ifNotExists = flags.ifNotExists || item.ifNotExists;
      events.at(line).emit('index.created', {
        table,
        index: item.index,
        ...(ifNotExists ? { ifNotExists: true } : {}),
      });
    }
    if (flags.comment !== undefined) {
      events.emit('table.comment_changed', { table, comment: flags.comment });
    }
    for (const { item, line } of definition.problems)
      events.unparsed(`line ${line}: ${item}`, line);

    const key = definition.columns.find(({ item }) => item.primaryKey)?.item;
    this.schema.create(definition.table, {
      ...(key
        ? {
            primaryKey: {
              column: key.name,
              ...(key.identity ? { sequence: serialSequenceName(definition.table, key.name) } : {}),
            },
          }
        : definition.compositeKey
          ? { primaryKey: { column: keyColumns.join(',') } }
          : {}),
      indexes: definition.indexes.map(({ item }) => indexState(item)),
      foreignKeys: definition.foreignKeys.map(({ item }) => foreignKeyState(item)),
      checks: definition.constraints
        .filter(({ item }) => item.type === 'check')
        .map(({ item }) => ({ name: item.name, expression: item.expression ?? '' })),
    });
  }

  dropTable(
    events: StatementEvents,
    table: string,
    flags: { ifExists: boolean; cascade: boolean },
  ): void {
    events.emit('table.dropped', {
      table: tableRef(table),
      ...(flags.ifExists ? { ifExists: true } : {}),
      ...(flags.cascade ? { cascade: true } : {}),
    });
    this.schema.drop(table);
  }

  /**
   * `rename_table`: PostgreSQL keeps the primary key's index and sequence names, so Rails renames
   * them, and every index still carrying its default name. Known only for tables this scan saw
   * created.
   */
  renameTable(events: StatementEvents, table: string, newName: string): void {
    const newBare = splitQualified(newName).name;
    events.emit('table.renamed', { table: tableRef(table), newName: newBare });
    const state = this.schema.rename(table, newName);
    if (!state) return;
    const renamed = tableRef(newName);
    if (state.primaryKey) {
      const from = primaryKeyIndexName(table);
      const to = primaryKeyIndexName(newName);
      if (from !== to) events.emit('index.renamed', { table: renamed, name: from, newName: to });
      const sequence = state.primaryKey.sequence;
      const newSequence = serialSequenceName(newName, state.primaryKey.column);
      if (sequence && newSequence && sequence !== newSequence) {
        events.emit('sequence.altered', {
          ...schemaOf(newName),
          name: sequence,
          newName: newSequence,
        });
        state.primaryKey = { ...state.primaryKey, sequence: newSequence };
      }
    }
    const legacy = this.behaviour.legacyIndexNames;
    state.indexes = state.indexes.map((index) => {
      if (!index.columns) return index;
      const target = { kind: 'columns' as const, columns: index.columns };
      if (index.name !== indexName(table, target, legacy)) return index;
      const name = indexName(newName, target, legacy);
      if (name === index.name) return index;
      events.emit('index.renamed', { table: renamed, name: index.name, newName: name });
      return { ...index, name };
    });
  }

  changeTableComment(events: StatementEvents, table: string, comment: string | null): void {
    events.emit('table.comment_changed', { table: tableRef(table), comment });
  }

  // -------------------------------------------------------------------------------------------
  // Columns

  addColumn(events: StatementEvents, table: string, column: ColumnInput): void {
    events.emit('column.added', { table: tableRef(table), column });
  }

  /** Dropping a column drops its indexes and constraints with it (PostgreSQL does). */
  removeColumns(
    events: StatementEvents,
    table: string,
    columns: readonly string[],
    ifExists: boolean,
  ): void {
    for (const column of columns) {
      events.emit('column.dropped', {
        table: tableRef(table),
        column,
        ...(ifExists ? { ifExists: true } : {}),
      });
    }
    const state = this.schema.table(table);
    if (!state) return;
    state.indexes = state.indexes.filter(
      (index) => !index.columns?.some((c) => columns.includes(c)),
    );
    state.foreignKeys = state.foreignKeys.filter(
      (fk) => !fk.columns.some((c) => columns.includes(c)),
    );
  }

  /** `rename_column`: indexes named after the old column get the name of the new one. */
  renameColumn(events: StatementEvents, table: string, column: string, newName: string): void {
    const ref = tableRef(table);
    events.emit('column.renamed', { table: ref, column, newName });
    const state = this.schema.table(table);
    if (!state) return;
    const legacy = this.behaviour.legacyIndexNames;
    state.indexes = state.indexes.map((index) => {
      if (!index.columns?.includes(column)) return index;
      const renamedColumns = index.columns.map((c) => (c === column ? newName : c));
      const oldDefault = indexName(table, { kind: 'columns', columns: index.columns }, legacy);
      if (index.name !== oldDefault) return { ...index, columns: renamedColumns };
      const name = indexName(table, { kind: 'columns', columns: renamedColumns }, legacy);
      events.emit('index.renamed', { table: ref, name: index.name, newName: name });
      return { name, columns: renamedColumns };
    });
    state.foreignKeys = state.foreignKeys.map((fk) => ({
      ...fk,
      columns: fk.columns.map((c) => (c === column ? newName : c)),
    }));
  }

  /**
   * `change_column`: one ALTER TABLE changing the type, then the default and nullability given
   * with it. Up to Rails 5.1, `null:` ran `change_column_null`, which backfills with `default:`.
   */
  changeColumn(
    events: StatementEvents,
    table: string,
    column: string,
    type: { sql: string; framework: string },
    changes: { using?: string; default?: RbValue; null?: boolean; comment?: string | null },
  ): void {
    const ref = tableRef(table);
    events.emit('column.type_changed', {
      table: ref,
      column,
      type,
      ...(changes.using === undefined ? {} : { using: changes.using }),
    });
    if (changes.default !== undefined) {
      events.emit('column.default_changed', {
        table: ref,
        column,
        default: defaultOf(changes.default, type.sql),
      });
    }
    if (changes.null !== undefined) {
      const backfill =
        this.behaviour.changeColumnBackfills && changes.null === false
          ? changes.default
          : undefined;
      this.changeColumnNull(events, table, column, changes.null, backfill);
    }
    if (changes.comment !== undefined) {
      events.emit('column.comment_changed', { table: ref, column, comment: changes.comment });
    }
  }

  changeColumnDefault(
    events: StatementEvents,
    table: string,
    column: string,
    value: RbValue,
  ): void {
    events.emit('column.default_changed', {
      table: tableRef(table),
      column,
      default: defaultOf(value),
    });
  }

  /** `change_column_null`: with a default and `false`, Rails first fills the NULLs with it. */
  changeColumnNull(
    events: StatementEvents,
    table: string,
    column: string,
    nullable: boolean,
    backfill?: RbValue,
  ): void {
    const ref = tableRef(table);
    if (!nullable && backfill !== undefined && backfill.type !== 'nil') {
      events.emit('data.migrated', {
        operation: 'update',
        description: `UPDATE ${quoteTable(table)} SET ${quote(column)}=${sqlLiteral(backfill)} WHERE ${quote(column)} IS NULL`,
        table: ref,
        hasWhere: true,
      });
    }
    events.emit('column.nullability_changed', { table: ref, column, nullable });
  }

  changeColumnComment(
    events: StatementEvents,
    table: string,
    column: string,
    comment: string | null,
  ): void {
    events.emit('column.comment_changed', { table: tableRef(table), column, comment });
  }

  // -------------------------------------------------------------------------------------------
  // Indexes

  addIndex(events: StatementEvents, table: string, built: IndexBuild): void {
    events.emit('index.created', {
      table: tableRef(table),
      index: built.index,
      ...(built.ifNotExists ? { ifNotExists: true } : {}),
    });
    this.schema.tracked(table).indexes.push(indexState(built));
  }

  /**
   * `remove_index`: by name, else the index on those columns (or expression) this scan knows,
   * else the name Rails would have given it.
   */
  removeIndex(
    events: StatementEvents,
    table: string,
    lookup: IndexLookup,
    flags: { concurrently: boolean; ifExists: boolean },
  ): void {
    const name = this.indexNameFor(table, lookup);
    events.emit('index.dropped', {
      table: tableRef(table),
      name,
      ...(flags.concurrently ? { concurrently: true } : {}),
      ...(flags.ifExists ? { ifExists: true } : {}),
    });
    const state = this.schema.table(table);
    if (state) state.indexes = state.indexes.filter((index) => index.name !== name);
  }

  renameIndex(events: StatementEvents, table: string, name: string, newName: string): void {
    events.emit('index.renamed', { table: tableRef(table), name, newName });
    const state = this.schema.table(table);
    if (state) {
      state.indexes = state.indexes.map((index) =>
        index.name === name ? { ...index, name: newName } : index,
      );
    }
  }

  private indexNameFor(table: string, lookup: IndexLookup): string {
    if (lookup.name !== undefined) return lookup.name;
    const legacy = this.behaviour.legacyIndexNames;
    if (lookup.expression !== undefined) {
      return indexName(table, { kind: 'expression', expression: lookup.expression }, legacy);
    }
    const columns = lookup.columns;
    if (!columns || columns.length === 0) throw new MigrationProblem('no index name or columns');
    const known = this.schema
      .table(table)
      ?.indexes.filter((index) => sameColumns(index.columns, columns));
    if (known && known.length > 1) {
      throw new MigrationProblem(
        `several indexes on ${columns.join(', ')}: ${known.map((index) => index.name).join(', ')}`,
      );
    }
    return known?.[0]?.name ?? indexName(table, { kind: 'columns', columns }, legacy);
  }

  // -------------------------------------------------------------------------------------------
  // References and foreign keys

  /** `add_reference`: its columns, then its index, then its foreign key, as Rails runs them. */
  addReference(events: StatementEvents, table: string, built: ReferenceBuild): void {
    for (const column of built.columns) this.addColumn(events, table, column);
    if (built.index) this.addIndex(events, table, built.index);
    if (built.foreignKey) this.addForeignKey(events, table, built.foreignKey);
  }

  addForeignKey(events: StatementEvents, table: string, built: ForeignKeyBuild): void {
    events.emit('constraint.added', { table: tableRef(table), constraint: built.constraint });
    this.schema.tracked(table).foreignKeys.push(foreignKeyState(built));
  }

  removeForeignKey(
    events: StatementEvents,
    table: string,
    lookup: ForeignKeyLookup,
    ifExists: boolean,
  ): void {
    const name = this.foreignKeyNameFor(table, lookup);
    events.emit('constraint.dropped', {
      table: tableRef(table),
      name,
      ...(ifExists ? { ifExists: true } : {}),
    });
    const state = this.schema.table(table);
    if (state) state.foreignKeys = state.foreignKeys.filter((fk) => fk.name !== name);
  }

  validateForeignKey(events: StatementEvents, table: string, lookup: ForeignKeyLookup): void {
    events.emit('constraint.validated', {
      table: tableRef(table),
      name: this.foreignKeyNameFor(table, lookup),
    });
  }

  /** By name, else the known key to that table / on those columns, else Rails' default name. */
  private foreignKeyNameFor(table: string, lookup: ForeignKeyLookup): string {
    if (lookup.name !== undefined) return lookup.name;
    const { toTable, columns } = lookup;
    if (toTable === undefined && columns === undefined) {
      throw new MigrationProblem('no foreign key name, referenced table or column');
    }
    const known = this.schema
      .table(table)
      ?.foreignKeys.find(
        (fk) =>
          (toTable === undefined || fk.toTable === toTable) &&
          (columns === undefined || sameColumns(fk.columns, columns)),
      );
    if (known) return known.name;
    const column = columns ?? [`${singularize(splitQualified(toTable!).name)}_id`];
    return foreignKeyName(table, column);
  }

  // -------------------------------------------------------------------------------------------
  // Constraints

  addConstraint(events: StatementEvents, table: string, constraint: ConstraintInput): void {
    events.emit('constraint.added', { table: tableRef(table), constraint });
    if (constraint.type === 'check') {
      this.schema
        .tracked(table)
        .checks.push({ name: constraint.name, expression: constraint.expression ?? '' });
    }
  }

  /** Drops a constraint by name; a check found by expression when the scan knows it. */
  dropConstraint(events: StatementEvents, table: string, name: string, ifExists: boolean): void {
    events.emit('constraint.dropped', {
      table: tableRef(table),
      name,
      ...(ifExists ? { ifExists: true } : {}),
    });
    const state = this.schema.table(table);
    if (state) state.checks = state.checks.filter((check) => check.name !== name);
  }

  validateConstraint(events: StatementEvents, table: string, name: string): void {
    events.emit('constraint.validated', { table: tableRef(table), name });
  }

  /** The name of a check constraint the scan knows by its expression. */
  knownCheck(table: string, expression: string): string | undefined {
    return this.schema.table(table)?.checks.find((check) => check.expression === expression)?.name;
  }
}

function indexState(built: IndexBuild): TableState['indexes'][number] {
  return {
    name: built.index.name,
    ...(built.index.columns && built.index.columns.length > 0
      ? { columns: built.index.columns }
      : {}),
  };
}

function foreignKeyState(built: ForeignKeyBuild): TableState['foreignKeys'][number] {
  return {
    name: built.constraint.name,
    columns: built.constraint.columns ?? [],
    toTable: built.toTable,
  };
}

function schemaOf(name: string): { schema?: string } {
  const { schema } = splitQualified(name);
  return schema === undefined ? {} : { schema };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

function quoteTable(table: string): string {
  const { schema, name } = splitQualified(table);
  return schema === undefined ? quote(name) : `${quote(schema)}.${quote(name)}`;
}
