import { CONTRACT_VERSION, eventId, type SchemaEvent } from '@schematrace/contracts';
import type { NumberedEvent } from '@schematrace/domain';
import { SchemaHistory, seeded, type Column, type Operation } from './corpus';

/**
 * A synthetic project history of canonical events, from the same abstract schema history the
 * parse benchmark renders into migration files, so the two benchmarks see the same kind of
 * project. Events are built directly (no validation pass): the benchmark measures folding and
 * time travel, not zod. The schema stops growing at `maxTables` tables while the history goes
 * on, so history length and schema size are measured apart. `project` names the project the
 * events (and their ids) belong to, and their scan (`bench-<project>` unless it is `bench`).
 */
export function eventCorpus(
  total: number,
  seed: number,
  maxTables = 500,
  project = 'bench',
): NumberedEvent[] {
  const scanId = project === 'bench' ? 'bench' : `bench-${project}`;
  const history = new SchemaHistory(seeded(seed), '', maxTables);
  const events: NumberedEvent[] = [];
  const source = { adapter: 'bench', version: '1' };
  let migrationIndex = 0;
  while (events.length < total) {
    const migration = history.nextMigration();
    migrationIndex += 1;
    const name = `${String(migrationIndex).padStart(6, '0')}_${migration.slug}`;
    const identity = {
      framework: 'sql' as const,
      app: 'bench',
      name,
      path: `migrations/${name}.sql`,
      checksum: 'bench',
      order: migrationIndex,
    };
    const occurredAt = new Date(Date.UTC(2020, 0, 1) + migrationIndex * 3_600_000).toISOString();
    let opIndex = 0;
    const push = (kind: SchemaEvent['kind'], payload: unknown) => {
      opIndex += 1;
      events.push({
        sequence: events.length + 1,
        event: {
          id: eventId({
            project,
            framework: 'sql',
            migrationKey: name,
            opIndex,
            subIndex: 0,
          }),
          contractVersion: CONTRACT_VERSION,
          project,
          scanId,
          scanEventCount: 1,
          migration: identity,
          opIndex,
          subIndex: 0,
          occurredAt,
          occurredAtSource: 'filename',
          source,
          kind,
          payload,
        } as SchemaEvent,
      });
    };
    for (const operation of migration.operations) render(operation, push);
  }
  return events.slice(0, total);
}

const SQL_TYPES: Record<Column['type'], string> = {
  int: 'integer',
  bigint: 'bigint',
  string: 'varchar',
  text: 'text',
  bool: 'boolean',
  decimal: 'numeric(12,2)',
  datetime: 'timestamptz',
  date: 'date',
  json: 'jsonb',
  uuid: 'uuid',
};

function definition(column: Column) {
  return {
    name: column.name,
    type: {
      sql: column.type === 'string' ? `varchar(${column.length ?? 255})` : SQL_TYPES[column.type],
    },
    nullable: column.nullable,
    unique: false,
    primaryKey: false,
    default: { kind: 'none' },
    ...(column.references
      ? { references: { table: { name: column.references }, column: 'id' } }
      : {}),
  };
}

function render(
  operation: Operation,
  push: (kind: SchemaEvent['kind'], payload: unknown) => void,
): void {
  switch (operation.kind) {
    case 'createTable':
      push('table.created', {
        table: { name: operation.table },
        ifNotExists: false,
        replaceExisting: false,
        partitioned: false,
      });
      for (const column of operation.columns)
        push('column.added', {
          table: { name: operation.table },
          column: definition(column),
          ifNotExists: false,
        });
      return;
    case 'dropTable':
      return push('table.dropped', {
        table: { name: operation.table },
        ifExists: false,
        cascade: false,
      });
    case 'renameTable':
      return push('table.renamed', { table: { name: operation.from }, newName: operation.to });
    case 'addColumn':
      return push('column.added', {
        table: { name: operation.table },
        column: definition(operation.column),
        ifNotExists: false,
      });
    case 'alterColumn':
      if (operation.before.nullable !== operation.after.nullable)
        return push('column.nullability_changed', {
          table: { name: operation.table },
          column: operation.after.name,
          nullable: operation.after.nullable,
        });
      return push('column.type_changed', {
        table: { name: operation.table },
        column: operation.after.name,
        type: definition(operation.after).type,
      });
    case 'removeColumn':
      return push('column.dropped', {
        table: { name: operation.table },
        column: operation.column.name,
        ifExists: false,
        cascade: false,
      });
    case 'renameColumn':
      return push('column.renamed', {
        table: { name: operation.table },
        column: operation.from,
        newName: operation.to,
      });
    case 'addIndex':
      return push('index.created', {
        table: { name: operation.table },
        index: {
          name: operation.name,
          columns: operation.columns,
          expressions: [],
          unique: operation.unique,
          concurrently: false,
          include: [],
          onlyParent: false,
        },
        ifNotExists: false,
      });
    case 'removeIndex':
      return push('index.dropped', {
        table: { name: operation.table },
        name: operation.name,
        concurrently: false,
        ifExists: false,
      });
    case 'addCheck':
      return push('constraint.added', {
        table: { name: operation.table },
        constraint: {
          name: operation.name,
          type: 'check',
          columns: [operation.column],
          expression: `${operation.column} >= 0`,
          notValid: false,
        },
      });
    case 'dataMigration':
      return push('data.migrated', {
        operation: 'update',
        description: `backfill ${operation.table}.${operation.column.name}`,
        table: { name: operation.table },
        hasWhere: true,
      });
  }
}
