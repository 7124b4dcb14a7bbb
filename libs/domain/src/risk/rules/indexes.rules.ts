import type { SchemaEvent } from '@schematrace/contracts';
import { objectKey } from '../../schema/schema-state';
import {
  earlierInTransaction,
  existingTable,
  inTransaction,
  isExistingTable,
  isNewTable,
  lockOf,
  tablesOf,
} from '../event-facts';
import { labelChangeProblems, parseType } from '../postgres-types';
import { ruleFor, type RiskRule } from '../risk-rule';
import type { RuleContext } from '../rule-context';
import { atLeast } from '../target-version';

/** §1d of the rule catalogue: indexes (and MySQL's table-copying DDL). */

const isPostgres = (context: RuleContext) => context.target.engine === 'postgresql';
const isMysql = (context: RuleContext) => !isPostgres(context);

const isPartitioned = (context: RuleContext, table: { schema?: string; name: string }) =>
  existingTable(context, table)?.partitioned === true;

const addIndexNonConcurrently = ruleFor({
  id: 'add-index-non-concurrently',
  level: 'high',
  title: 'Index built without CONCURRENTLY',
  rationale:
    'A plain CREATE INDEX holds a SHARE lock on the table for the whole build: reads go on, but every insert, update and delete waits until the index is finished.',
  safeAlternative:
    'Build it with CREATE INDEX CONCURRENTLY outside a transaction (Rails: disable_ddl_transaction! and algorithm: :concurrently; Django: AddIndexConcurrently in a non-atomic migration; Alembic: postgresql_concurrently inside autocommit_block).',
  anchors: [
    'SQ require-concurrent-index-creation',
    'SM add_index',
    'SM add_reference',
    'DML CREATE_INDEX',
    'AT PG101',
    'BB index.create-concurrently',
  ],
  kinds: ['index.created'],
  check(event, context) {
    const { table, index } = event.payload;
    if (!isPostgres(context) || index.concurrently || index.onlyParent) return undefined;
    if (isNewTable(context, table)) return undefined;
    // Partitioned tables cannot be indexed concurrently: index-on-partitioned-table says how.
    if (isPartitioned(context, table)) return undefined;
    return { message: `builds index ${index.name} on ${objectKey(table)} while blocking writes` };
  },
});

const dropIndexNonConcurrently = ruleFor({
  id: 'drop-index-non-concurrently',
  level: 'medium',
  title: 'Index dropped without CONCURRENTLY',
  rationale:
    'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. The drop is quick, but the lock waits behind any long query on the table and every later query waits behind it.',
  safeAlternative:
    'Use DROP INDEX CONCURRENTLY outside a transaction (not possible for indexes behind a constraint or on a partitioned table).',
  anchors: [
    'SQ require-concurrent-index-deletion',
    'SM remove_index',
    'DML DROP_INDEX',
    'AT PG102',
  ],
  kinds: ['index.dropped'],
  check(event, context) {
    const { table, name, concurrently } = event.payload;
    if (!isPostgres(context) || concurrently) return undefined;
    if (table && isNewTable(context, table)) return undefined;
    const builtHere = context.migration.events.some(
      (earlier) =>
        earlier.kind === 'index.created' &&
        earlier.payload.index.name === name &&
        (!table || objectKey(earlier.payload.table) === objectKey(table)),
    );
    if (builtHere) return undefined;
    return { message: `drops index ${name}${table ? ` on ${objectKey(table)}` : ''}` };
  },
});

const CONCURRENT_KINDS = [
  'index.created',
  'index.dropped',
  'index.rebuilt',
  'table.partition_detached',
] as const;

const concurrentOpInTransaction = ruleFor({
  id: 'concurrent-op-in-transaction',
  level: 'high',
  title: 'CONCURRENTLY inside a transaction',
  rationale:
    'PostgreSQL refuses to run a CONCURRENTLY operation in a transaction block, so the migration fails at deploy time, possibly after earlier steps were applied.',
  safeAlternative:
    'Move the statement into its own migration with the transaction turned off (Rails disable_ddl_transaction!, Django atomic = False, Alembic autocommit_block).',
  anchors: [
    'SQ ban-concurrent-index-creation-in-transaction',
    'AT PG103',
    'AT TX101',
    'BB statement.non-transactional',
  ],
  kinds: CONCURRENT_KINDS,
  check(event, context) {
    if (!isPostgres(context) || !inTransaction(event) || !isConcurrent(event)) return undefined;
    return { message: `${describeConcurrent(event)} CONCURRENTLY inside a transaction` };
  },
});

function isConcurrent(event: SchemaEvent): boolean {
  if (event.kind === 'index.created') return event.payload.index.concurrently;
  return (event.payload as { concurrently?: boolean }).concurrently === true;
}

function describeConcurrent(event: SchemaEvent): string {
  switch (event.kind) {
    case 'index.created':
      return `builds index ${event.payload.index.name}`;
    case 'index.dropped':
      return `drops index ${event.payload.name}`;
    case 'index.rebuilt':
      return `rebuilds ${event.payload.target} ${event.payload.name}`;
    case 'table.partition_detached':
      return `detaches partition ${objectKey(event.payload.partition)}`;
    default:
      return event.kind;
  }
}

const indexAfterExclusiveLockInTx = ruleFor({
  id: 'index-after-exclusive-lock-in-tx',
  level: 'medium',
  title: 'Index built while an earlier exclusive lock is held',
  rationale:
    'An earlier statement of the same transaction took an ACCESS EXCLUSIVE lock, which is kept until commit, so that table stays unreadable and unwritable for the whole index build.',
  safeAlternative:
    'Put the index in a separate migration (built CONCURRENTLY), after the one that alters the table.',
  anchors: ['DML CREATE_INDEX_EXCLUSIVE'],
  kinds: ['index.created'],
  check(event, context) {
    const { table, index } = event.payload;
    if (!isPostgres(context) || index.concurrently || isNewTable(context, table)) return undefined;
    const locked = new Set<string>();
    for (const earlier of earlierInTransaction(event, context)) {
      if (lockOf(earlier) !== 'ACCESS EXCLUSIVE') continue;
      for (const held of tablesOf(earlier))
        if (isExistingTable(context, held)) locked.add(objectKey(held));
    }
    if (locked.size === 0) return undefined;
    return {
      message: `builds index ${index.name} on ${objectKey(table)} while holding an exclusive lock on ${[...locked].join(', ')}`,
    };
  },
});

const reindexNonConcurrently = ruleFor({
  id: 'reindex-non-concurrently',
  level: 'medium',
  title: 'REINDEX without CONCURRENTLY',
  rationale:
    'A plain REINDEX blocks writes to the table, and queries that would use the index, until every index named is rebuilt.',
  safeAlternative:
    'Use REINDEX … CONCURRENTLY (PostgreSQL 12+); on older versions build a new index concurrently and drop the old one.',
  anchors: ['SQ require-concurrent-reindex', 'DML REINDEX'],
  kinds: ['index.rebuilt'],
  check(event, context) {
    if (!isPostgres(context) || event.payload.concurrently) return undefined;
    return { message: `rebuilds ${event.payload.target} ${event.payload.name} while locking it` };
  },
});

const indexOnPartitionedTable = ruleFor({
  id: 'index-on-partitioned-table',
  level: 'medium',
  title: 'Index built on a partitioned table',
  rationale:
    'An index on a partitioned table cannot be built CONCURRENTLY, so writes to every partition are blocked until all partitions are indexed.',
  safeAlternative:
    'CREATE INDEX … ON ONLY the parent, build each partition’s index CONCURRENTLY, then ATTACH each one to the parent index.',
  anchors: ['AT PG108'],
  kinds: ['index.created'],
  check(event, context) {
    const { table, index } = event.payload;
    if (!isPostgres(context) || index.onlyParent || !isPartitioned(context, table))
      return undefined;
    return {
      message: `builds index ${index.name} across every partition of ${objectKey(table)}`,
    };
  },
});

const concurrentIndexPg14Bug = ruleFor({
  id: 'concurrent-index-pg14-bug',
  level: 'medium',
  title: 'Concurrent index build on PostgreSQL 14.0–14.3',
  rationale:
    'PostgreSQL 14.0 to 14.3 have a bug by which indexes built or rebuilt CONCURRENTLY can silently miss rows.',
  safeAlternative: 'Upgrade to PostgreSQL 14.4 or later before building indexes concurrently.',
  anchors: ['SM add_index_corruption'],
  kinds: ['index.created', 'index.rebuilt'],
  check(event, context) {
    const { target } = context;
    if (!isPostgres(context) || target.major !== 14 || atLeast(target, 14, 4)) return undefined;
    if (!isConcurrent(event)) return undefined;
    return {
      message: `${describeConcurrent(event)} CONCURRENTLY on PostgreSQL ${target.major}.${target.minor}`,
    };
  },
});

const MAX_INDEX_KEYS = 3;

const indexTooManyColumns = ruleFor({
  id: 'index-too-many-columns',
  level: 'low',
  title: 'Non-unique index with many columns',
  rationale:
    'Beyond three keys a non-unique index rarely makes queries faster, yet it is larger and slows down every write.',
  safeAlternative:
    'Index fewer columns, leading with the most selective ones; carry extra columns with INCLUDE if an index-only scan needs them.',
  anchors: ['SM add_index_columns', 'BB index.key-number-limit'],
  kinds: ['index.created'],
  check(event) {
    const { table, index } = event.payload;
    const keys = index.columns.length + index.expressions.length;
    if (index.unique || keys <= MAX_INDEX_KEYS) return undefined;
    return { message: `index ${index.name} on ${objectKey(table)} has ${keys} keys` };
  },
});

const MYSQL_COPY_KINDS = [
  'index.created',
  'constraint.added',
  'table.option_changed',
  'sql.executed',
] as const;

const mysqlCopyOrLockingDdl = ruleFor({
  id: 'mysql-copy-or-locking-ddl',
  level: 'high',
  title: 'MySQL DDL that copies the table or locks it',
  rationale:
    'With ALGORITHM=COPY or LOCK=SHARED MySQL blocks writes until the statement ends (LOCK=EXCLUSIVE blocks reads too), and some changes — FULLTEXT and SPATIAL indexes, primary keys, foreign keys with checks on, a new storage engine — can only run that way.',
  safeAlternative:
    'Let MySQL pick INPLACE or INSTANT and ask for LOCK=NONE; for changes that must copy, use an online schema change tool (gh-ost, pt-online-schema-change) or a quiet window.',
  anchors: [
    'SM copy_algorithm',
    'SM lock_option',
    'AT MY131',
    'BB statement.require-algorithm-option',
    'BB statement.require-lock-option',
  ],
  kinds: MYSQL_COPY_KINDS,
  check(event, context) {
    if (!isMysql(context)) return undefined;
    switch (event.kind) {
      case 'sql.executed': {
        const statement = event.payload.statement;
        const copy = /\balgorithm\s*=\s*copy\b/i.test(statement);
        const lock = /\block\s*=\s*(shared|exclusive)\b/i.exec(statement);
        if (!copy && !lock) return undefined;
        return {
          message: `runs DDL with ${[...(copy ? ['ALGORITHM=COPY'] : []), ...(lock ? [`LOCK=${lock[1]!.toUpperCase()}`] : [])].join(' and ')}`,
        };
      }
      case 'index.created': {
        const { table, index } = event.payload;
        const method = index.method?.toLowerCase();
        if (isNewTable(context, table) || (method !== 'fulltext' && method !== 'spatial'))
          return undefined;
        return {
          message: `adds ${method.toUpperCase()} index ${index.name} on ${objectKey(table)}, which blocks writes`,
        };
      }
      case 'constraint.added': {
        const { table, constraint } = event.payload;
        if (isNewTable(context, table)) return undefined;
        if (constraint.type === 'primary-key')
          return {
            message: `adds primary key ${constraint.name} to ${objectKey(table)}, rebuilding it`,
          };
        if (constraint.type === 'foreign-key')
          return {
            message: `adds foreign key ${constraint.name} to ${objectKey(table)}, which copies it unless foreign_key_checks is off`,
          };
        return undefined;
      }
      default: {
        const { table, option, value } = event.payload;
        if (isNewTable(context, table) || option !== 'access-method') return undefined;
        return {
          message: `changes the storage engine of ${objectKey(table)}${value ? ` to ${value}` : ''}, copying it`,
        };
      }
    }
  },
});

const mysqlEnumSetRewrite = ruleFor({
  id: 'mysql-enum-set-rewrite',
  level: 'medium',
  title: 'MySQL ENUM/SET change that copies the table',
  rationale:
    'MySQL changes an ENUM or SET in place only when labels are appended at the end and the storage size stays the same; anything else copies the table with writes blocked, and removing a label fails (or blanks the value) on rows that use it.',
  safeAlternative: 'Only append new labels at the end of the list; leave unused labels in place.',
  anchors: ['AT MY110', 'AT MY111', 'AT MY120', 'AT MY121'],
  kinds: ['column.type_changed', 'enum.altered'],
  check(event, context) {
    if (!isMysql(context)) return undefined;
    if (event.kind === 'enum.altered') {
      const { values, schema, name } = event.payload;
      const before = context.before.enums[objectKey({ schema, name })];
      if (!values || !before) return undefined;
      const problems = labelChangeProblems('enum', before.values, values);
      if (problems.length === 0) return undefined;
      return { message: `enum ${objectKey({ schema, name })}: ${problems.join(', ')}` };
    }
    const { table, column, type } = event.payload;
    if (isNewTable(context, table)) return undefined;
    const current = existingTable(context, table)?.columns.find((c) => c.name === column);
    if (!current) return undefined;
    const from = parseType(current.type.sql);
    const to = parseType(type.sql);
    if ((from.base !== 'enum' && from.base !== 'set') || to.base !== from.base) return undefined;
    const problems = labelChangeProblems(from.base, from.values, to.values);
    if (problems.length === 0) return undefined;
    return { message: `${from.base} column ${objectKey(table)}.${column}: ${problems.join(', ')}` };
  },
});

const enumAddValueUnordered = ruleFor({
  id: 'enum-add-value-unordered',
  level: 'low',
  title: 'Enum value added without BEFORE/AFTER',
  rationale:
    'PostgreSQL puts the new label last, and enum labels sort in declaration order, so ORDER BY and comparisons such as < or > on the column may no longer mean what the code expects.',
  safeAlternative: 'Say where the label goes with BEFORE or AFTER an existing label.',
  anchors: ['SQ require-enum-value-ordering'],
  kinds: ['enum.altered'],
  check(event, context) {
    const { addedValue, position, values, schema, name } = event.payload;
    if (!isPostgres(context) || addedValue === undefined || position || values) return undefined;
    return {
      message: `adds ${addedValue} to enum ${objectKey({ schema, name })} at the end of its order`,
    };
  },
});

export const INDEX_RULES: readonly RiskRule[] = [
  addIndexNonConcurrently,
  dropIndexNonConcurrently,
  concurrentOpInTransaction,
  indexAfterExclusiveLockInTx,
  reindexNonConcurrently,
  indexOnPartitionedTable,
  concurrentIndexPg14Bug,
  indexTooManyColumns,
  mysqlCopyOrLockingDdl,
  mysqlEnumSetRewrite,
  enumAddValueUnordered,
];
