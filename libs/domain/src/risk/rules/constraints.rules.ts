import type { SchemaEvent, SchemaEventOf, TableRef } from '@schematrace/contracts';
import { objectKey } from '../../schema/schema-state';
import {
  blocksExistingTable,
  columnBefore,
  earlierInTransaction,
  isExistingTable,
  isNewColumn,
  tablesOf,
} from '../event-facts';
import type { RuleContext } from '../rule-context';
import { ruleFor, type RiskRule } from '../risk-rule';
import { atLeast, isMysqlFamily } from '../target-version';

/** §1e of the rule catalogue: adding, validating and shaping constraints. */

type ConstraintAdded = SchemaEventOf<'constraint.added'>;

const addForeignKeyValidating = ruleFor({
  id: 'add-foreign-key-validating',
  level: 'high',
  title: 'Foreign key added and validated at once',
  rationale:
    'Adding a foreign key checks every existing row while both the table and the table it points to are locked against writes (PostgreSQL SHARE ROW EXCLUSIVE; MySQL may copy the table), so a large table stalls writers for the whole check.',
  safeAlternative:
    'Add the foreign key NOT VALID (Rails validate: false), which only checks new writes, then VALIDATE CONSTRAINT in a separate transaction or migration; on MySQL, add it in a quiet window.',
  anchors: [
    'SQ adding-foreign-key-constraint',
    'SM add_foreign_key',
    'AT PG306',
    'AT MY131',
    'BB statement.add-foreign-key-not-valid',
  ],
  kinds: ['constraint.added'],
  check(event, context) {
    const { table, constraint } = event.payload;
    if (constraint.type !== 'foreign-key' || constraint.notValid) return undefined;
    if (!isExistingTable(context, table)) return undefined;
    const target = constraint.references ? ` to ${objectKey(constraint.references.table)}` : '';
    return {
      message: `adds foreign key ${constraint.name} on ${objectKey(table)}${target} and checks every existing row while writes wait`,
    };
  },
});

const addCheckConstraintValidating = ruleFor({
  id: 'add-check-constraint-validating',
  level: 'high',
  title: 'CHECK constraint added and validated at once',
  rationale:
    'The database reads every existing row to prove the condition while holding a lock that blocks reads and writes (PostgreSQL ACCESS EXCLUSIVE; MySQL blocks writes), so the table is unavailable for the length of a full scan.',
  safeAlternative:
    'Add the check NOT VALID, so only new rows are checked, then VALIDATE CONSTRAINT later in its own transaction, which lets writes continue.',
  anchors: [
    'SQ constraint-missing-not-valid',
    'SM add_check_constraint',
    'AT PG305',
    'AT MY144',
    'BB statement.add-check-not-valid',
  ],
  kinds: ['constraint.added'],
  check(event, context) {
    const { table, constraint } = event.payload;
    if (constraint.type !== 'check' || constraint.notValid) return undefined;
    if (!isExistingTable(context, table)) return undefined;
    return {
      message: `adds check ${constraint.name} on ${objectKey(table)}, scanning all rows under an exclusive lock`,
    };
  },
});

const validateInSameTransaction = ruleFor({
  id: 'validate-in-same-transaction',
  level: 'high',
  title: 'Constraint validated while a strong lock is held',
  rationale:
    'VALIDATE CONSTRAINT is cheap on its own because it lets writes continue, but inside a transaction that already took a write-blocking lock (the NOT VALID add itself, or another ALTER) that lock stays held for the whole validation scan.',
  safeAlternative:
    'Validate in a later migration, or in a migration that runs without a wrapping transaction, so nothing else is locked while the rows are checked.',
  anchors: [
    'SQ constraint-missing-not-valid',
    'SM validate_foreign_key',
    'SM validate_check_constraint',
  ],
  kinds: ['constraint.validated'],
  check(event, context) {
    const { table, name } = event.payload;
    if (!isExistingTable(context, table)) return undefined;
    const earlier = earlierInTransaction(event, context);
    const added = earlier.find(
      (candidate): candidate is ConstraintAdded =>
        candidate.kind === 'constraint.added' &&
        objectKey(candidate.payload.table) === objectKey(table) &&
        candidate.payload.constraint.name === name,
    );
    if (added)
      return {
        message: `validates ${name} on ${objectKey(table)} in the transaction that added it, so the lock of the add is held during the scan`,
      };
    const locking = earlier.find((candidate) => blocksExistingTable(candidate, context));
    if (!locking) return undefined;
    return {
      message: `validates ${name} on ${objectKey(table)} after ${describe(locking)} in the same transaction, whose lock is held during the scan`,
    };
  },
});

function describe(event: SchemaEvent): string {
  const tables = tablesOf(event).map(objectKey);
  return tables.length > 0 ? `${event.kind} on ${tables.join(', ')}` : event.kind;
}

const addUniqueConstraintLocking = ruleFor({
  id: 'add-unique-constraint-locking',
  level: 'high',
  title: 'UNIQUE constraint builds its index under an exclusive lock',
  rationale:
    'ADD CONSTRAINT … UNIQUE (also ADD COLUMN … UNIQUE) builds a new unique index while the table is locked against reads and writes, for as long as the build takes.',
  safeAlternative:
    'CREATE UNIQUE INDEX CONCURRENTLY first, outside a transaction, then ADD CONSTRAINT … UNIQUE USING INDEX, which only adopts the finished index.',
  anchors: ['SQ disallowed-unique-constraint', 'SM add_unique_constraint', 'AT PG105'],
  kinds: ['constraint.added'],
  check(event, context) {
    // MySQL builds unique indexes in place while writes continue.
    if (isMysqlFamily(context.target)) return undefined;
    const { table, constraint } = event.payload;
    if (constraint.type !== 'unique' || constraint.usingIndex) return undefined;
    if (!isExistingTable(context, table)) return undefined;
    return {
      message: `adds unique constraint ${constraint.name} on ${objectKey(table)}, building its index while the table is locked`,
    };
  },
});

/**
 * Can the column already hold equal values? An existing one can; one added by this migration is
 * NULL everywhere (NULLs never collide) unless a default filled it with one value for all rows.
 */
function mayHoldDuplicates(context: RuleContext, table: TableRef, column: string): boolean {
  if (!isNewColumn(context, table, column)) return true;
  if (!isExistingTable(context, table)) return false;
  const fill = columnBefore(context, table, column)?.default;
  if (!fill || fill.kind === 'none' || fill.level === 'app') return false;
  return fill.kind === 'constant' || fill.volatility !== 'volatile';
}

const addUniqueMayFail = ruleFor({
  id: 'add-unique-may-fail',
  level: 'medium',
  title: 'Uniqueness imposed on data that may hold duplicates',
  rationale:
    'If existing rows already repeat a value, the migration fails at deploy time; and application versions still running may keep inserting duplicates, which now fail.',
  safeAlternative:
    'Make the application prevent duplicates first, remove existing ones, and check with a query before the migration runs.',
  anchors: ['AT MF101', 'AT MF102', 'DML ADD_UNIQUE', 'BB 107'],
  kinds: ['index.created', 'constraint.added'],
  check(event, context) {
    const { table } = event.payload;
    if (!isExistingTable(context, table)) return undefined;
    let name: string;
    let columns: readonly string[];
    let expressions = 0;
    if (event.kind === 'index.created') {
      const { index } = event.payload;
      if (!index.unique) return undefined;
      ({ name, columns } = index);
      expressions = index.expressions.length;
    } else {
      const { constraint } = event.payload;
      // USING INDEX adopts a unique index that already exists: nothing new can fail.
      if (constraint.type !== 'unique' || constraint.usingIndex) return undefined;
      ({ name, columns } = constraint);
    }
    const risky =
      expressions > 0 ||
      columns.length === 0 ||
      columns.some((column) => mayHoldDuplicates(context, table, column));
    if (!risky) return undefined;
    const list = columns.length > 0 ? ` (${columns.join(', ')})` : '';
    return {
      message: `makes ${objectKey(table)}${list} unique with ${name}: fails if rows already repeat a value`,
    };
  },
});

const addPrimaryKey = ruleFor({
  id: 'add-primary-key',
  level: 'high',
  title: 'Primary key added to an existing table',
  rationale:
    'PostgreSQL builds the key’s index under an exclusive lock and, for nullable key columns, also scans the table to enforce NOT NULL; MySQL rebuilds the whole table.',
  safeAlternative:
    'Make the key columns NOT NULL through a validated CHECK first, build a unique index CONCURRENTLY, then ADD PRIMARY KEY USING INDEX; on MySQL, use an online schema-change tool.',
  anchors: [
    'SQ adding-serial-primary-key-field',
    'AT PG104',
    'AT PG304',
    'AT PG312',
    'AT MY132',
    'BB 106',
  ],
  kinds: ['constraint.added'],
  check(event, context) {
    const { table, constraint } = event.payload;
    if (constraint.type !== 'primary-key' || !isExistingTable(context, table)) return undefined;
    const name = `${constraint.name} on ${objectKey(table)}`;
    if (isMysqlFamily(context.target))
      return { message: `adds primary key ${name}, which rebuilds the table` };
    if (!constraint.usingIndex)
      return { message: `adds primary key ${name}, building its index under an exclusive lock` };
    const nullable = constraint.columns.filter(
      (column) => columnBefore(context, table, column)?.nullable === true,
    );
    if (nullable.length === 0) return undefined;
    return {
      message: `adds primary key ${name} over nullable ${nullable.join(', ')}, which scans the table under an exclusive lock to set NOT NULL`,
    };
  },
});

const addExclusionConstraint = ruleFor({
  id: 'add-exclusion-constraint',
  level: 'high',
  title: 'Exclusion constraint added to an existing table',
  rationale:
    'An exclusion constraint has no NOT VALID form: its index is built and every row checked while the table is locked against reads and writes.',
  safeAlternative:
    'There is no online way: add it in a low-traffic window, or build a new table with the constraint and move the data over.',
  anchors: ['SM add_exclusion_constraint', 'AT PG109'],
  kinds: ['constraint.added'],
  check(event, context) {
    const { table, constraint } = event.payload;
    if (constraint.type !== 'exclusion' || !isExistingTable(context, table)) return undefined;
    return {
      message: `adds exclusion constraint ${constraint.name} on ${objectKey(table)}, checking all rows under an exclusive lock`,
    };
  },
});

const domainCheckConstraint = ruleFor({
  id: 'domain-check-constraint',
  level: 'medium',
  title: 'CHECK constraint on a domain',
  rationale:
    'A domain’s checks apply to every column of that type: adding one later re-checks all those columns across their tables, and changing it is hard to do without locking them.',
  safeAlternative: 'Put the CHECK on the columns themselves, where it can be added NOT VALID.',
  anchors: ['SQ ban-create-domain-with-constraint', 'SQ ban-alter-domain-with-add-constraint'],
  kinds: ['domain.created', 'domain.altered'],
  check(event) {
    const { name } = event.payload;
    if (event.kind === 'domain.created') {
      const { checks } = event.payload;
      if (checks.length === 0) return undefined;
      return { message: `creates domain ${name} with ${checks.length} check(s)` };
    }
    const { addedCheck, notValid } = event.payload;
    if (!addedCheck) return undefined;
    // NOT VALID skips the pass over existing columns; the check is still hard to evolve.
    return notValid
      ? { message: `adds check to domain ${name} NOT VALID`, level: 'low' }
      : { message: `adds check to domain ${name}, re-checking every column of that type` };
  },
});

const fkOnDeleteCascade = ruleFor({
  id: 'fk-on-delete-cascade',
  level: 'low',
  title: 'Foreign key with ON DELETE CASCADE',
  rationale:
    'Deleting one parent row silently deletes every row that references it, possibly across several tables, which is easy to trigger by accident.',
  safeAlternative:
    'Use RESTRICT or NO ACTION and delete the children explicitly where that is intended.',
  anchors: ['BB statement.disallow-on-del-cascade'],
  kinds: ['constraint.added'],
  check(event) {
    const { table, constraint } = event.payload;
    if (constraint.type !== 'foreign-key' || constraint.references?.onDelete !== 'cascade')
      return undefined;
    return {
      message: `foreign key ${constraint.name} on ${objectKey(table)} deletes its rows when the ${objectKey(constraint.references.table)} row goes`,
    };
  },
});

/** Column-level REFERENCES: MySQL before 9.0 and MariaDB before 10.5 parse it and drop it. */
function ignoresInlineReferences(context: RuleContext): boolean {
  if (context.target.engine === 'mysql') return !atLeast(context.target, 9);
  if (context.target.engine === 'mariadb') return !atLeast(context.target, 10, 5);
  return false;
}

const mysqlInlineReferencesIgnored = ruleFor({
  id: 'mysql-inline-references-ignored',
  level: 'low',
  title: 'Column-level REFERENCES that MySQL ignores',
  rationale:
    'MySQL (before 9.0) and MariaDB (before 10.5) accept REFERENCES written in a column definition but create no foreign key, so the integrity the migration seems to add does not exist.',
  safeAlternative: 'Declare the key at table level: FOREIGN KEY (column) REFERENCES other (id).',
  anchors: ['AT MY102'],
  kinds: ['column.added'],
  check(event, context) {
    if (!ignoresInlineReferences(context)) return undefined;
    // ORMs always write table-level keys; only hand-written SQL puts REFERENCES on a column.
    if (event.migration.framework !== 'sql') return undefined;
    const { table, column } = event.payload;
    if (!column.references) return undefined;
    return {
      message: `${objectKey(table)}.${column.name} references ${objectKey(column.references.table)} inline, which ${context.target.engine} ignores`,
    };
  },
});

export const CONSTRAINT_RULES: readonly RiskRule[] = [
  addForeignKeyValidating,
  addCheckConstraintValidating,
  validateInSameTransaction,
  addUniqueConstraintLocking,
  addUniqueMayFail,
  addPrimaryKey,
  addExclusionConstraint,
  domainCheckConstraint,
  fkOnDeleteCascade,
  mysqlInlineReferencesIgnored,
];
