import type { EventKind, SchemaEvent, SchemaEventOf, TableRef } from '@schematrace/contracts';
import { objectKey } from '../schema/schema-state';
import {
  describeColumn,
  describeConstraint,
  describeDefault,
  describeIndex,
} from './describe-schema';

const name = (table: TableRef) => objectKey(table);
const qualifiedName = (payload: { schema?: string; name: string }) => objectKey(payload);
const cascade = (payload: { cascade?: boolean }) => (payload.cascade ? ' with CASCADE' : '');
const firstLine = (text: string) => {
  const line = text.trim().split('\n')[0]!;
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
};

type Describer = { [K in EventKind]: (event: SchemaEventOf<K>) => string };

/**
 * What one event does, as a clause in the present tense ("adds column users.email text not
 * null"). Exhaustive over the event kinds: a new kind does not compile until it has a phrase.
 */
const DESCRIBE: Describer = {
  'table.created': ({ payload }) =>
    `${payload.replaceExisting ? 'creates (replacing any existing) table' : 'creates table'} ${name(payload.table)}${payload.model ? ` for model ${payload.model.app ? `${payload.model.app}.` : ''}${payload.model.name}` : ''}`,
  'table.dropped': ({ payload }) => `drops table ${name(payload.table)}${cascade(payload)}`,
  'table.renamed': ({ payload }) => `renames table ${name(payload.table)} to ${payload.newName}`,
  'table.comment_changed': ({ payload }) =>
    payload.comment === null
      ? `removes the comment on table ${name(payload.table)}`
      : `comments table ${name(payload.table)}: "${payload.comment}"`,
  'table.truncated': ({ payload }) =>
    `empties table ${payload.tables.map(name).join(', ')} (TRUNCATE${payload.cascade ? ' CASCADE' : ''})`,
  'table.schema_changed': ({ payload }) =>
    `moves table ${name(payload.table)} to schema ${payload.newSchema}`,
  'table.option_changed': ({ payload }) =>
    `sets ${payload.option}${payload.value ? ` ${payload.value}` : ''} on table ${name(payload.table)}`,
  'table.partition_attached': ({ payload }) =>
    `attaches partition ${name(payload.partition)} to table ${name(payload.table)}`,
  'table.partition_detached': ({ payload }) =>
    `detaches partition ${name(payload.partition)} from table ${name(payload.table)}${payload.concurrently ? ' concurrently' : ''}`,
  'table.locked': ({ payload }) =>
    `locks table ${payload.tables.map(name).join(', ')} in ${payload.mode} mode`,
  'table.maintained': ({ payload }) =>
    `runs ${payload.operation.replace('-', ' ').toUpperCase()}${payload.table ? ` on table ${name(payload.table)}` : ''}`,
  'column.added': ({ payload }) =>
    `adds column ${name(payload.table)}.${describeColumn(payload.column)}`,
  'column.dropped': ({ payload }) =>
    `drops column ${name(payload.table)}.${payload.column}${cascade(payload)}`,
  'column.renamed': ({ payload }) =>
    `renames column ${name(payload.table)}.${payload.column} to ${payload.newName}`,
  'column.type_changed': ({ payload }) =>
    `changes the type of ${name(payload.table)}.${payload.column} to ${payload.type.sql}${payload.using ? ` (USING ${payload.using})` : ''}`,
  'column.nullability_changed': ({ payload }) =>
    payload.nullable
      ? `allows NULL in ${name(payload.table)}.${payload.column}`
      : `makes ${name(payload.table)}.${payload.column} NOT NULL`,
  'column.default_changed': ({ payload }) => {
    const value = describeDefault(payload.default);
    return value === undefined
      ? `removes the default of ${name(payload.table)}.${payload.column}`
      : `sets the default of ${name(payload.table)}.${payload.column} to ${value}`;
  },
  'column.comment_changed': ({ payload }) =>
    payload.comment === null
      ? `removes the comment on ${name(payload.table)}.${payload.column}`
      : `comments ${name(payload.table)}.${payload.column}: "${payload.comment}"`,
  'index.created': ({ payload }) =>
    `creates ${payload.index.concurrently ? 'concurrently ' : ''}index ${describeIndex(payload.index)} on ${name(payload.table)}`,
  'index.dropped': ({ payload }) =>
    `drops ${payload.concurrently ? 'concurrently ' : ''}index ${payload.name}`,
  'index.renamed': ({ payload }) => `renames index ${payload.name} to ${payload.newName}`,
  'index.rebuilt': ({ payload }) =>
    `rebuilds ${payload.target === 'index' ? 'index' : `every index of ${payload.target}`} ${payload.name}${payload.concurrently ? ' concurrently' : ''}`,
  'constraint.added': ({ payload }) =>
    `adds constraint ${describeConstraint(payload.constraint)} on ${name(payload.table)}`,
  'constraint.dropped': ({ payload }) =>
    `drops constraint ${payload.name} on ${name(payload.table)}${cascade(payload)}`,
  'constraint.validated': ({ payload }) =>
    `validates constraint ${payload.name} on ${name(payload.table)}`,
  'constraint.renamed': ({ payload }) =>
    `renames constraint ${payload.name} on ${name(payload.table)} to ${payload.newName}`,
  'schema.created': ({ payload }) => `creates schema ${payload.name}`,
  'schema.dropped': ({ payload }) => `drops schema ${payload.name}${cascade(payload)}`,
  'schema.renamed': ({ payload }) => `renames schema ${payload.name} to ${payload.newName}`,
  'database.dropped': ({ payload }) => `drops database ${payload.name}`,
  'enum.created': ({ payload }) =>
    `creates enum ${qualifiedName(payload)} (${payload.values.join(', ')})`,
  'enum.altered': ({ payload }) => {
    const subject = `enum ${qualifiedName(payload)}`;
    if (payload.addedValue !== undefined)
      return `adds value ${payload.addedValue} to ${subject}${payload.position ? ` ${payload.position.placement} ${payload.position.value}` : ''}`;
    if (payload.renamedValue)
      return `renames value ${payload.renamedValue.from} of ${subject} to ${payload.renamedValue.to}`;
    if (payload.values) return `sets the values of ${subject} to (${payload.values.join(', ')})`;
    if (payload.newName) return `renames ${subject} to ${payload.newName}`;
    return `alters ${subject}`;
  },
  'enum.dropped': ({ payload }) => `drops enum ${qualifiedName(payload)}${cascade(payload)}`,
  'domain.created': ({ payload }) =>
    `creates domain ${qualifiedName(payload)} over ${payload.type.sql}`,
  'domain.altered': ({ payload }) =>
    payload.addedCheck
      ? `adds check (${payload.addedCheck.expression}) to domain ${qualifiedName(payload)}`
      : `alters domain ${qualifiedName(payload)}`,
  'domain.dropped': ({ payload }) => `drops domain ${qualifiedName(payload)}${cascade(payload)}`,
  'view.created': ({ payload }) =>
    `${payload.replaceExisting ? 'creates or replaces' : 'creates'} ${payload.materialized ? 'materialized view' : 'view'} ${qualifiedName(payload)}`,
  'view.altered': ({ payload }) =>
    payload.newName
      ? `renames view ${qualifiedName(payload)} to ${payload.newName}`
      : `alters view ${qualifiedName(payload)}`,
  'view.dropped': ({ payload }) =>
    `drops ${payload.materialized ? 'materialized view' : 'view'} ${qualifiedName(payload)}${cascade(payload)}`,
  'sequence.created': ({ payload }) => `creates sequence ${qualifiedName(payload)}`,
  'sequence.altered': ({ payload }) =>
    payload.newName
      ? `renames sequence ${qualifiedName(payload)} to ${payload.newName}`
      : `alters sequence ${qualifiedName(payload)}${payload.type ? ` to ${payload.type}` : ''}`,
  'sequence.dropped': ({ payload }) =>
    `drops sequence ${qualifiedName(payload)}${cascade(payload)}`,
  'extension.created': ({ payload }) => `installs extension ${payload.name}`,
  'extension.altered': ({ payload }) =>
    `updates extension ${payload.name}${payload.version ? ` to ${payload.version}` : ''}`,
  'extension.dropped': ({ payload }) => `removes extension ${payload.name}${cascade(payload)}`,
  'function.created': ({ payload }) =>
    `${payload.replaceExisting ? 'creates or replaces' : 'creates'} ${payload.routine} ${qualifiedName(payload)}`,
  'function.dropped': ({ payload }) =>
    `drops ${payload.routine} ${qualifiedName(payload)}${cascade(payload)}`,
  'trigger.created': ({ payload }) => `creates trigger ${payload.name} on ${name(payload.table)}`,
  'trigger.dropped': ({ payload }) => `drops trigger ${payload.name} on ${name(payload.table)}`,
  'policy.created': ({ payload }) =>
    `creates row-level security policy ${payload.name} on ${name(payload.table)}`,
  'policy.dropped': ({ payload }) => `drops policy ${payload.name} on ${name(payload.table)}`,
  'transaction.controlled': ({ payload }) =>
    ({
      begin: 'begins a transaction',
      commit: 'commits the transaction',
      rollback: 'rolls the transaction back',
      savepoint: 'sets a savepoint',
      release: 'releases a savepoint',
      'rollback-to': 'rolls back to a savepoint',
    })[payload.action],
  'session.setting_changed': ({ payload }) =>
    payload.value === null
      ? `resets ${payload.name}`
      : `sets ${payload.local ? 'local ' : ''}${payload.name} to ${payload.value}`,
  'sql.executed': ({ payload }) =>
    `runs SQL it cannot read as schema changes: ${firstLine(payload.statement)}`,
  'data.migrated': ({ payload }) =>
    `changes data (${payload.operation}${payload.table ? ` on ${name(payload.table)}` : ''}): ${firstLine(payload.description)}`,
  'migration.added': ({ payload }) =>
    `enters the code base with ${payload.events} schema event${payload.events === 1 ? '' : 's'}`,
  'migration.unparsed': ({ payload }) => `could not be read: ${payload.reason}`,
  'migration.modified': ({ payload }) =>
    `was edited after it was recorded (checksum ${payload.previousChecksum.slice(0, 8)} → ${payload.checksum.slice(0, 8)}); the database will not run it again`,
  'migration.removed': () => 'was removed from the code base',
};

/** What one event does, in a short present-tense clause. */
export function describeEvent(event: SchemaEvent): string {
  return (DESCRIBE[event.kind] as (event: SchemaEvent) => string)(event);
}
