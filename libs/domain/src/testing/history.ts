import {
  CONTRACT_VERSION,
  eventId,
  SchemaEvent,
  type EventKind,
  type Framework,
  type GitFacts,
  type RiskFinding,
  type RiskPolicyInput,
  RiskPolicy,
  type StatementContext,
} from '@schematrace/contracts';
import type { z } from 'zod';
import type { EventPayloads } from '@schematrace/contracts';
import { assessRisks } from '../risk/assess-risks';

/**
 * Builders for histories of canonical events, so domain specs read as given / when / then:
 *
 *   given(migration('0001', createTable('users', 'id bigint', 'email text')))
 *     .when(migration('0002', op('column.dropped', { table: t('users'), column: 'email' })))
 *     .ruleIds()   // → ['drop-column']
 */

export interface Op {
  readonly kind: EventKind;
  readonly payload: unknown;
}

export function op<K extends EventKind>(kind: K, payload: z.input<(typeof EventPayloads)[K]>): Op {
  return { kind, payload };
}

export const t = (name: string, schema?: string) => (schema ? { schema, name } : { name });

/** In the migration's transaction (group n), or outside any. */
export const inTx = (transactionGroup = 0): StatementContext => ({
  inTransaction: true,
  transactionGroup,
});
export const noTx: StatementContext = { inTransaction: false };

/**
 * A column from a short spec: `name type [null] [pk] [unique] [default <sql>]`, e.g.
 * `email varchar(120) null`, `id bigint pk`, `status text default 'new'`.
 */
export function col(spec: string) {
  const [name, type, ...flags] = spec.split(/\s+/) as [string, string, ...string[]];
  const defaultAt = flags.indexOf('default');
  const defaultSql = defaultAt >= 0 ? flags.slice(defaultAt + 1).join(' ') : undefined;
  const expression = defaultSql !== undefined && /\(/.test(defaultSql);
  return {
    name,
    type: { sql: type },
    nullable: flags.includes('null'),
    primaryKey: flags.includes('pk'),
    unique: flags.includes('unique'),
    default:
      defaultSql === undefined
        ? { kind: 'none' as const }
        : expression
          ? { kind: 'expression' as const, expression: defaultSql, volatility: 'unknown' as const }
          : { kind: 'constant' as const, value: defaultSql },
  };
}

export function createTable(name: string, ...columns: string[]): Op[] {
  return [
    op('table.created', { table: t(name) }),
    ...columns.map((spec) => op('column.added', { table: t(name), column: col(spec) })),
  ];
}

export interface MigrationSpec {
  readonly name: string;
  readonly app: string;
  readonly framework: Framework;
  readonly ops: readonly Op[];
  readonly reversible?: boolean;
  readonly transactional?: boolean;
  readonly git?: GitFacts;
}

export function migration(
  name: string,
  ops: Op | readonly (Op | readonly Op[])[],
  options: Partial<Omit<MigrationSpec, 'name' | 'ops'>> = {},
): MigrationSpec {
  const list = Array.isArray(ops) ? (ops as readonly (Op | readonly Op[])[]).flat() : [ops as Op];
  return { name, app: 'app', framework: 'sql', ops: list, ...options };
}

/** Full canonical events for the migrations, in order, each opened by `migration.added`. */
export function history(...migrations: readonly MigrationSpec[]): SchemaEvent[] {
  const events: SchemaEvent[] = [];
  migrations.forEach((spec, order) => {
    const drafts: Op[] = [
      op('migration.added', {
        events: spec.ops.length,
        ...(spec.reversible === undefined ? {} : { reversible: spec.reversible }),
        ...(spec.transactional === undefined ? {} : { transactional: spec.transactional }),
      }),
      ...spec.ops,
    ];
    drafts.forEach((draft, index) => {
      events.push(
        SchemaEvent.parse({
          id: eventId({
            project: 'test',
            framework: spec.framework,
            migrationKey: `${spec.app}/${spec.name}`,
            opIndex: index,
            subIndex: 0,
          }),
          contractVersion: CONTRACT_VERSION,
          project: 'test',
          scanId: 'scan',
          scanEventCount: 1,
          migration: {
            framework: spec.framework,
            app: spec.app,
            name: spec.name,
            path: `${spec.app}/${spec.name}`,
            checksum: 'c',
            order,
            ...(spec.git ? { git: spec.git } : {}),
          },
          opIndex: index,
          subIndex: 0,
          occurredAt:
            spec.git?.committedAt ??
            `2026-01-${String((order % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
          occurredAtSource: spec.git ? 'git' : 'scan',
          source: { adapter: 'test', version: '1' },
          kind: draft.kind,
          payload: draft.payload,
        }),
      );
    });
  });
  return events;
}

export interface Scenario {
  readonly events: readonly SchemaEvent[];
  /** Findings raised in the `when` migrations. */
  findings(policy?: RiskPolicyInput): RiskFinding[];
  /** Rule ids of those findings, sorted and without repeats. */
  ruleIds(policy?: RiskPolicyInput): string[];
}

export function given(...before: readonly MigrationSpec[]) {
  return {
    when(...after: readonly MigrationSpec[]): Scenario {
      const events = history(...before, ...after);
      const keys = new Set(after.map((spec) => `${spec.app}/${spec.name}`));
      const findings = (policy?: RiskPolicyInput) =>
        assessRisks(events, { policy: RiskPolicy.parse(policy ?? {}) }).findings.filter((finding) =>
          keys.has(finding.migration),
        );
      return {
        events,
        findings,
        ruleIds: (policy) => [...new Set(findings(policy).map((finding) => finding.ruleId))].sort(),
      };
    },
  };
}
