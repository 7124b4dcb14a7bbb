import type {
  ColumnDefault,
  ColumnDefinition,
  ConstraintDefinition,
  IndexDefinition,
} from '@schematrace/contracts';
import { objectKey } from '../schema/schema-state';

/** `price numeric(10,2) not null default 0`: a column as a line of DDL-like text. */
export function describeColumn(column: ColumnDefinition): string {
  const parts = [column.name, column.type.sql];
  if (column.identity)
    parts.push(column.identity === 'serial' ? 'serial' : `identity ${column.identity}`);
  if (!column.nullable) parts.push('not null');
  const defaultText = describeDefault(column.default);
  if (defaultText) parts.push(`default ${defaultText}`);
  if (column.generated)
    parts.push(
      `generated (${column.generated.expression})${column.generated.stored ? ' stored' : ''}`,
    );
  if (column.primaryKey) parts.push('primary key');
  if (column.unique) parts.push('unique');
  if (column.references)
    parts.push(`references ${objectKey(column.references.table)}(${column.references.column})`);
  return parts.join(' ');
}

export function describeDefault(value: ColumnDefault): string | undefined {
  switch (value.kind) {
    case 'none':
      return undefined;
    case 'constant': {
      // An empty string default would otherwise vanish from the text.
      const text = value.value === '' ? "''" : value.value;
      return value.level === 'app' ? `${text} (ORM only)` : text;
    }
    case 'expression':
      return value.level === 'app' ? `${value.expression} (ORM only)` : value.expression;
  }
}

/** `users_email_idx unique (email) where deleted_at is null`. */
export function describeIndex(index: IndexDefinition): string {
  const keys = [...index.columns, ...index.expressions].join(', ');
  const parts = [index.name];
  if (index.unique) parts.push('unique');
  if (index.method && index.method !== 'btree') parts.push(`using ${index.method}`);
  parts.push(`(${keys})`);
  if (index.include.length > 0) parts.push(`include (${index.include.join(', ')})`);
  if (index.where) parts.push(`where ${index.where}`);
  return parts.join(' ');
}

/** `orders_user_fk foreign key (user_id) references users(id) on delete cascade`. */
export function describeConstraint(constraint: ConstraintDefinition): string {
  const parts = [constraint.name, constraint.type.replace('-', ' ')];
  if (constraint.columns.length > 0) parts.push(`(${constraint.columns.join(', ')})`);
  if (constraint.expression) parts.push(`(${constraint.expression})`);
  if (constraint.references) {
    const { table, columns, onDelete } = constraint.references;
    parts.push(`references ${objectKey(table)}(${columns.join(', ')})`);
    if (onDelete) parts.push(`on delete ${onDelete}`);
  }
  if (constraint.notValid) parts.push('not valid');
  return parts.join(' ');
}
