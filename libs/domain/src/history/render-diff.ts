import type { ColumnState } from '../schema/schema-state';
import { objectKey, OBJECT_RECORDS } from '../schema/schema-state';
import { describeColumn, describeConstraint, describeIndex } from '../explain/describe-schema';
import type { ElementChange, PartDiff, SchemaDiff } from './schema-diff';

/**
 * A diff as text, one line per change: `+` added, `-` removed, `~` changed (before → after).
 *
 *   ~ table products
 *       + column price numeric(10,2) not null
 *       ~ column name: type varchar(100) → varchar(200)
 *   - table legacy_orders
 */
export function renderDiff(diff: SchemaDiff): string {
  const lines: string[] = [];
  for (const table of diff.tables.added) {
    lines.push(`+ table ${objectKey(table)}`);
    for (const column of table.columns) lines.push(`    + column ${describeColumn(column)}`);
  }
  for (const table of diff.tables.removed) lines.push(`- table ${objectKey(table)}`);
  for (const change of diff.tables.changed) {
    const renamed = objectKey(change.before) !== objectKey(change.after);
    lines.push(
      `~ table ${objectKey(change.after)}${renamed ? ` (was ${objectKey(change.before)})` : ''}`,
    );
    for (const field of change.fields.filter((name) => name !== 'name' && name !== 'schema'))
      lines.push(`    ~ ${field}: ${show(change.before, field)} → ${show(change.after, field)}`);
    part(lines, 'column', change.parts.columns, describeColumn, generic);
    part(lines, 'index', change.parts.indexes, describeIndex, generic);
    part(lines, 'constraint', change.parts.constraints, describeConstraint, generic);
    part(lines, 'trigger', change.parts.triggers, (trigger) => trigger.name, generic);
    part(lines, 'policy', change.parts.policies, (policy) => policy.name, generic);
  }
  for (const record of OBJECT_RECORDS) {
    const objects = diff.objects[record];
    const noun = record === 'schemas' ? 'schema' : record.replace(/s$/, '');
    for (const object of objects.added) lines.push(`+ ${noun} ${objectKey(object)}`);
    for (const object of objects.removed) lines.push(`- ${noun} ${objectKey(object)}`);
    for (const change of objects.changed)
      lines.push(`~ ${noun} ${objectKey(change.after)}: ${fieldChanges(change)}`);
  }
  return lines.length === 0 ? 'no changes' : lines.join('\n');
}

function part<T extends { name: string }>(
  lines: string[],
  noun: string,
  diff: PartDiff<T>,
  describe: (element: T) => string,
  describeChange: (change: ElementChange<T>) => string,
): void {
  for (const element of diff.added) lines.push(`    + ${noun} ${describe(element)}`);
  for (const element of diff.removed) lines.push(`    - ${noun} ${element.name}`);
  for (const change of diff.changed) lines.push(`    ~ ${noun} ${describeChange(change)}`);
}

function generic<T extends { name: string }>(change: ElementChange<T>): string {
  const renamed = change.before.name !== change.after.name;
  const label = renamed ? `${change.after.name} (was ${change.before.name})` : change.after.name;
  const rest = change.fields.filter((field) => field !== 'name');
  return rest.length === 0 ? label : `${label}: ${fieldChanges({ ...change, fields: rest })}`;
}

function fieldChanges<T>(change: ElementChange<T>): string {
  return change.fields
    .map((field) => `${field} ${show(change.before, field)} → ${show(change.after, field)}`)
    .join(', ');
}

function show(element: unknown, field: string): string {
  const value = (element as Record<string, unknown>)[field];
  if (value === undefined) return '∅';
  if (field === 'type') return (value as { sql: string }).sql;
  if (field === 'default') {
    const defaultValue = value as ColumnState['default'];
    if (defaultValue.kind === 'none') return 'none';
    return defaultValue.kind === 'constant' ? defaultValue.value : defaultValue.expression;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
