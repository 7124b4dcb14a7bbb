import type { SchemaEvent } from '@schematrace/contracts';

const tableName = (table: { schema?: string; name: string }) =>
  table.schema ? `${table.schema}.${table.name}` : table.name;

/** A short line saying what one event changed, for logs, timelines and terminals. */
export function summarizeEvent(event: SchemaEvent): string {
  switch (event.kind) {
    case 'table.created':
      return `create table ${tableName(event.payload.table)}`;
    case 'table.dropped':
      return `drop table ${tableName(event.payload.table)}`;
    case 'table.renamed':
      return `rename table ${tableName(event.payload.table)} to ${event.payload.newName}`;
    case 'table.comment_changed':
      return `comment on table ${tableName(event.payload.table)}`;
    case 'column.added': {
      const { column } = event.payload;
      return `add column ${tableName(event.payload.table)}.${column.name} ${column.type.sql}${column.nullable ? '' : ' not null'}`;
    }
    case 'column.dropped':
      return `drop column ${tableName(event.payload.table)}.${event.payload.column}`;
    case 'column.renamed':
      return `rename column ${tableName(event.payload.table)}.${event.payload.column} to ${event.payload.newName}`;
    case 'column.type_changed':
      return `change type of ${tableName(event.payload.table)}.${event.payload.column} to ${event.payload.type.sql}`;
    case 'column.nullability_changed':
      return `make ${tableName(event.payload.table)}.${event.payload.column} ${event.payload.nullable ? 'nullable' : 'not null'}`;
    case 'column.default_changed':
      return `change default of ${tableName(event.payload.table)}.${event.payload.column}`;
    case 'column.comment_changed':
      return `comment on column ${tableName(event.payload.table)}.${event.payload.column}`;
    case 'index.created':
      return `create ${event.payload.index.unique ? 'unique ' : ''}index ${event.payload.index.name} on ${tableName(event.payload.table)}`;
    case 'index.dropped':
      return `drop index ${event.payload.name}`;
    case 'index.renamed':
      return `rename index ${event.payload.name} to ${event.payload.newName}`;
    case 'constraint.added':
      return `add ${event.payload.constraint.type} constraint ${event.payload.constraint.name} on ${tableName(event.payload.table)}`;
    case 'constraint.dropped':
      return `drop constraint ${event.payload.name} on ${tableName(event.payload.table)}`;
    case 'constraint.validated':
      return `validate constraint ${event.payload.name} on ${tableName(event.payload.table)}`;
    case 'sql.executed':
      return `run SQL: ${event.payload.statement.split('\n')[0]!.slice(0, 80)}`;
    case 'data.migrated':
      return `migrate data (${event.payload.operation}): ${event.payload.description.slice(0, 80)}`;
    case 'migration.added':
      return `migration added (${event.payload.events} schema event${event.payload.events === 1 ? '' : 's'})`;
    case 'migration.unparsed':
      return `could not parse: ${event.payload.reason}`;
    case 'migration.modified':
      return `migration edited after it was recorded (checksum ${event.payload.previousChecksum.slice(0, 8)} → ${event.payload.checksum.slice(0, 8)})`;
    case 'migration.removed':
      return 'migration file removed';
    default: {
      const [object, verb] = event.kind.split('.') as [string, string];
      return `${verb} ${object} ${'name' in event.payload ? event.payload.name : ''}`.trim();
    }
  }
}
