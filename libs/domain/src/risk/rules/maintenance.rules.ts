import type { SchemaEvent } from '@schematrace/contracts';
import { objectKey } from '../../schema/schema-state';
import { isExistingTable } from '../event-facts';
import type { RuleContext } from '../rule-context';
import { ruleFor, type RiskRule, type RuleHit } from '../risk-rule';
import { atLeast } from '../target-version';

/** §1g of the rule catalogue: other locking, maintenance and hygiene. */

const isPostgres = (context: RuleContext): boolean => context.target.engine === 'postgresql';

const detachPartitionNonConcurrently = ruleFor({
  id: 'detach-partition-non-concurrently',
  level: 'medium',
  title: 'Partition detached without CONCURRENTLY',
  rationale:
    'A plain DETACH PARTITION locks the partitioned table against reads and writes, and has to wait for every running query on it first.',
  safeAlternative:
    'DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+), in a migration that runs outside a transaction.',
  anchors: ['SQ require-concurrent-partition-detach'],
  kinds: ['table.partition_detached'],
  check(event, context) {
    const { table, partition, concurrently } = event.payload;
    if (concurrently || !isExistingTable(context, table)) return undefined;
    const upgrade = atLeast(context.target, 14) ? '' : ' (CONCURRENTLY needs PostgreSQL 14)';
    return {
      message: `detaches ${objectKey(partition)} from ${objectKey(table)} under an exclusive lock${upgrade}`,
    };
  },
});

const vacuumFullOrCluster = ruleFor({
  id: 'vacuum-full-or-cluster',
  level: 'high',
  title: 'VACUUM FULL or CLUSTER',
  rationale:
    'Both rewrite the whole table into a new file while holding a lock that blocks reads and writes, for as long as the copy takes.',
  safeAlternative:
    'Reclaim space online with pg_repack (or REPACK CONCURRENTLY where the server has it), outside application migrations.',
  anchors: ['SQ prefer-repack'],
  kinds: ['table.maintained'],
  check(event, context) {
    const { table, operation } = event.payload;
    if (operation !== 'vacuum-full' && operation !== 'cluster') return undefined;
    if (table && !isExistingTable(context, table)) return undefined;
    const verb = operation === 'cluster' ? 'CLUSTER' : 'VACUUM FULL';
    const target = table ? objectKey(table) : 'every table of the database';
    return { message: `${verb} rewrites ${target} under an exclusive lock` };
  },
});

const DISABLED = /^(false|off|no|0)$/i;

function optionHit(
  event: Extract<SchemaEvent, { kind: 'table.option_changed' }>,
): string | undefined {
  const { table, option, value } = event.payload;
  const name = objectKey(table);
  switch (option) {
    case 'logged':
    case 'unlogged':
      return `SET ${option.toUpperCase()} rewrites ${name} under an exclusive lock`;
    case 'access-method':
      return `changing the access method rewrites ${name} under an exclusive lock`;
    case 'tablespace':
      return `moving ${name} to another tablespace copies it under an exclusive lock`;
    case 'replica-identity': {
      const identity = value?.trim().toLowerCase();
      if (identity !== 'full' && identity !== 'nothing') return undefined;
      return identity === 'full'
        ? `REPLICA IDENTITY FULL makes logical replication send whole old rows of ${name}`
        : `REPLICA IDENTITY NOTHING stops logical replication from sending updates and deletes of ${name}`;
    }
    case 'storage-parameters': {
      const autovacuum = value?.match(/autovacuum_enabled\s*=\s*'?(\w+)'?/i)?.[1];
      if (autovacuum === undefined || !DISABLED.test(autovacuum)) return undefined;
      return `turns autovacuum off for ${name}, so dead rows and wraparound risk build up`;
    }
    case 'trigger-disabled':
      return `disables triggers on ${name}: writes skip them (with ALL, foreign-key checks too)`;
    default:
      return undefined;
  }
}

const tableRewriteOrLockOption = ruleFor({
  id: 'table-rewrite-or-lock-option',
  level: 'medium',
  title: 'Table option that rewrites or blocks the table',
  rationale:
    'Some table settings rewrite the whole table under an exclusive lock (LOGGED/UNLOGGED, access method, tablespace); creating a trigger blocks writes while it waits; others quietly change replication, vacuuming or trigger behaviour on a live table.',
  safeAlternative:
    'Avoid these on busy tables, or schedule them in a maintenance window; check logical replication and vacuum needs before changing replica identity or autovacuum.',
  anchors: [
    'AT PG307',
    'AT PG308',
    'AT PG311',
    'AT PG314',
    'AT PG320',
    'SQ ban-replica-identity',
    'SQ ban-disable-trigger',
    'BB table.disallow-trigger',
  ],
  kinds: ['table.option_changed', 'trigger.created'],
  check(event, context) {
    const { table } = event.payload;
    if (!isExistingTable(context, table)) return undefined;
    if (event.kind === 'trigger.created')
      return {
        message: `creates trigger ${event.payload.name} on ${objectKey(table)}, blocking writes while it takes its lock`,
      };
    const message = optionHit(event);
    return message ? { message } : undefined;
  },
});

const INTEGER_TYPES: Readonly<Record<string, string>> = {
  integer: 'integer',
  int: 'integer',
  int4: 'integer',
  smallint: 'smallint',
  int2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  smallserial: 'smallint',
  serial2: 'smallint',
};

/** The type's name without modifiers; undefined for arrays. */
function baseType(sql: string): string | undefined {
  const type = sql.trim().toLowerCase();
  if (type.endsWith('[]')) return undefined;
  return type.replace(/\s*\(.*\)\s*/, ' ').trim();
}

const preferBigintAndIdentity = ruleFor({
  id: 'prefer-bigint-and-identity',
  level: 'low',
  title: 'integer or smallint key space, or serial instead of identity',
  rationale:
    'integer and smallint columns that count things (ids above all) run out of values sooner than expected, and widening them later rewrites the table; serial columns hide a separately owned sequence that complicates permissions and copying.',
  safeAlternative: 'bigint, and for generated ids bigint GENERATED … AS IDENTITY.',
  anchors: ['SQ prefer-bigint-over-int', 'SQ prefer-bigint-over-smallint', 'SQ prefer-identity'],
  kinds: ['column.added'],
  check(event, context) {
    const { table, column } = event.payload;
    // A foreign key must match the key it points at: the advice belongs to that column.
    if (column.references) return undefined;
    const name = `${objectKey(table)}.${column.name}`;
    const narrow = INTEGER_TYPES[baseType(column.type.sql) ?? ''];
    const serial = column.identity === 'serial' && isPostgres(context);
    if (narrow && serial)
      return { message: `${name} is a ${narrow} serial: prefer bigint GENERATED AS IDENTITY` };
    if (narrow) return { message: `${name} is ${narrow}: prefer bigint` };
    if (serial) return { message: `${name} is serial: prefer GENERATED AS IDENTITY` };
    return undefined;
  },
});

function textOrTimeAdvice(type: string): string | undefined {
  if (/^(varchar|character varying)\s*\(\d+\)$/.test(type))
    return `${type}: prefer text with a CHECK on its length, which can change without a lock`;
  if (/^(char|character|bpchar)(\s*\(\d+\))?$/.test(type))
    return `${type}: blank-padded; prefer text (or varchar)`;
  if (/^timestamp(\s*\(\d+\))?(\s+without time zone)?$/.test(type))
    return `${type}: stores no time zone; prefer timestamptz`;
  return undefined;
}

const preferTextAndTimestamptz = ruleFor({
  id: 'prefer-text-and-timestamptz',
  level: 'low',
  title: 'varchar(n), char(n) or timestamp without time zone',
  rationale:
    'In PostgreSQL a length limit in the type is no faster than text, and tightening it later needs an exclusive lock; char(n) pads values with spaces; timestamp without time zone loses which offset a time was recorded in.',
  safeAlternative: 'text (with a CHECK on the length where it matters), and timestamptz.',
  anchors: ['SQ prefer-text-field', 'SQ ban-char-field', 'SQ prefer-timestamptz'],
  kinds: ['column.added'],
  check(event, context) {
    if (!isPostgres(context)) return undefined;
    const { table, column } = event.payload;
    const type = column.type.sql.trim().toLowerCase().replace(/\[\]$/, '');
    const advice = textOrTimeAdvice(type);
    return advice ? { message: `${objectKey(table)}.${column.name} is ${advice}` } : undefined;
  },
});

const NAMING_KINDS = [
  'table.created',
  'table.renamed',
  'column.added',
  'column.renamed',
  'index.created',
  'index.renamed',
  'constraint.added',
  'constraint.renamed',
  'schema.created',
  'schema.renamed',
  'enum.created',
  'enum.altered',
  'domain.created',
  'domain.altered',
  'view.created',
  'view.altered',
  'sequence.created',
  'sequence.altered',
  'function.created',
  'trigger.created',
  'policy.created',
] as const;

/** The names an event gives to something, with what it names. */
function namesGiven(event: SchemaEvent): { noun: string; name: string }[] {
  const [noun = 'object'] = event.kind.split('.');
  switch (event.kind) {
    case 'table.created':
      return [{ noun, name: event.payload.table.name }];
    case 'column.added':
      return [{ noun, name: event.payload.column.name }];
    case 'index.created':
      return [{ noun, name: event.payload.index.name }];
    case 'constraint.added':
      return [{ noun, name: event.payload.constraint.name }];
    case 'schema.created':
    case 'enum.created':
    case 'domain.created':
    case 'view.created':
    case 'sequence.created':
    case 'function.created':
    case 'trigger.created':
    case 'policy.created':
      return [{ noun, name: event.payload.name }];
    default: {
      const { newName } = event.payload as { newName?: string };
      return newName ? [{ noun, name: newName }] : [];
    }
  }
}

const identifierAndNaming = ruleFor({
  id: 'identifier-and-naming',
  level: 'low',
  title: 'Identifier longer than the database keeps',
  rationale:
    'PostgreSQL cuts longer identifiers down to 63 bytes without an error (MySQL refuses them), so two long names can collide and the name in the code no longer matches the one in the database.',
  safeAlternative: 'Pick a shorter name (count bytes, not characters, for non-ASCII names).',
  anchors: ['SQ identifier-too-long', 'AT NM101', 'BB naming.table'],
  kinds: NAMING_KINDS,
  check(event, context) {
    const limit = context.policy.settings.maxIdentifierBytes;
    const hits: RuleHit[] = namesGiven(event).flatMap(({ noun, name }) => {
      const bytes = Buffer.byteLength(name, 'utf8');
      return bytes > limit
        ? [{ message: `${noun} name ${name} is ${bytes} bytes, over the limit of ${limit}` }]
        : [];
    });
    return hits.length > 0 ? hits : undefined;
  },
});

export const MAINTENANCE_RULES: readonly RiskRule[] = [
  detachPartitionNonConcurrently,
  vacuumFullOrCluster,
  tableRewriteOrLockOption,
  preferBigintAndIdentity,
  preferTextAndTimestamptz,
  identifierAndNaming,
];
