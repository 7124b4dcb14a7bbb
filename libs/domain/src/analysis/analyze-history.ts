import {
  DEFAULT_RISK_POLICY,
  RISK_LEVELS,
  type RiskFinding,
  type RiskLevel,
  type RiskPolicy,
  type SchemaEvent,
} from '@schematrace/contracts';
import { describeEvent } from '../explain/describe-event';
import { describeConstraint, describeDefault, describeIndex } from '../explain/describe-schema';
import { explainMigration } from '../explain/explain';
import { describeHistoryPoint, type HistoryPoint } from '../history/history-point';
import { groupByMigration, migrationFacts, type MigrationFacts } from '../history/migration-groups';
import { SchemaHistory } from '../history/time-travel';
import { assessRisks, highestLevel } from '../risk/assess-risks';
import { RULE_SET_VERSION } from '../risk/rule-set';
import type { NumberedEvent } from '../schema/evolve';
import { objectKey, OBJECT_RECORDS, type SchemaState } from '../schema/schema-state';

/** Bumped when the report's JSON shape changes incompatibly. */
export const ANALYSIS_FORMAT_VERSION = 1;

export interface TimelineChange {
  readonly sequence: number;
  readonly eventId: string;
  readonly kind: SchemaEvent['kind'];
  readonly description: string;
}

export interface TimelineEntry extends MigrationFacts {
  /** Position in apply order, from 1. */
  readonly order: number;
  /** At or before the point asked for (always true without one). */
  readonly includedAtPoint: boolean;
  readonly summary: string;
  readonly changes: readonly TimelineChange[];
  readonly findings: readonly RiskFinding[];
}

export interface SchemaSummaryColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly default?: string;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly references?: string;
}

export interface SchemaSummaryTable {
  readonly name: string;
  readonly columns: readonly SchemaSummaryColumn[];
  readonly indexes: readonly string[];
  readonly constraints: readonly string[];
}

/** The schema, without provenance: what a reader of a report wants to see. */
export interface SchemaSummary {
  readonly tables: readonly SchemaSummaryTable[];
  /** Enums, views, sequences, extensions, domains, functions, schemas: names by kind. */
  readonly objects: Readonly<Record<string, readonly string[]>>;
}

export interface AnalysisReport {
  readonly formatVersion: typeof ANALYSIS_FORMAT_VERSION;
  readonly ruleSetVersion: string;
  readonly policy: RiskPolicy;
  readonly point?: { readonly description: string; readonly lastSequence: number };
  readonly summary: {
    readonly migrations: number;
    readonly events: number;
    readonly findings: Readonly<Record<RiskLevel, number>>;
    readonly acknowledged: number;
    readonly unparsed: number;
    readonly anomalies: number;
    readonly highest?: RiskLevel;
  };
  readonly timeline: readonly TimelineEntry[];
  readonly schema: SchemaSummary;
  readonly anomalies: readonly { sequence?: number; eventId: string; reason: string }[];
}

/**
 * Everything `schematrace analyze` reports, from a history alone: the timeline of migrations
 * with their changes and risks, and the schema at the end or at a point. Pure; events are in
 * apply order and numbered from 1.
 */
export function analyzeHistory(
  events: readonly SchemaEvent[],
  options: { policy?: RiskPolicy; at?: HistoryPoint } = {},
): AnalysisReport {
  const policy = options.policy ?? DEFAULT_RISK_POLICY;
  const numbered: NumberedEvent[] = events.map((event, index) => ({ event, sequence: index + 1 }));
  const history = new SchemaHistory(numbered);
  const selection = options.at ? history.select(options.at) : undefined;
  const included = selection
    ? new Set([
        ...numbered.slice(0, selection.prefixEnd).map((item) => item.event.id),
        ...selection.after.map((item) => item.event.id),
      ])
    : undefined;
  const schema = selection
    ? history.schemaFor(selection)
    : history.schemaAt({ kind: 'sequence', sequence: numbered.length });
  const { findings } = assessRisks(events, { policy });

  const timeline: TimelineEntry[] = [];
  for (const group of groupByMigration(numbered)) {
    const facts = migrationFacts(group[0]!.event);
    const own = findings.filter((finding) => finding.migration === facts.migration);
    timeline.push({
      order: timeline.length + 1,
      ...facts,
      includedAtPoint: included ? group.some((item) => included.has(item.event.id)) : true,
      summary: explainMigration(
        group.map((item) => item.event),
        own,
      ).summary,
      changes: group
        .filter((item) => item.event.kind !== 'migration.added')
        .map(({ event, sequence }) => ({
          sequence,
          eventId: event.id,
          kind: event.kind,
          description: describeEvent(event),
        })),
      findings: own,
    });
  }

  const counts = Object.fromEntries(RISK_LEVELS.map((level) => [level, 0])) as Record<
    RiskLevel,
    number
  >;
  for (const finding of findings) if (!finding.acknowledged) counts[finding.level] += 1;
  const highest = highestLevel(findings);
  return {
    formatVersion: ANALYSIS_FORMAT_VERSION,
    ruleSetVersion: RULE_SET_VERSION,
    policy,
    ...(options.at && selection
      ? {
          point: {
            description: describeHistoryPoint(options.at),
            lastSequence: selection.lastSequence,
          },
        }
      : {}),
    summary: {
      migrations: timeline.length,
      events: events.length,
      findings: counts,
      acknowledged: findings.filter((finding) => finding.acknowledged).length,
      unparsed: events.filter((event) => event.kind === 'migration.unparsed').length,
      anomalies: schema.anomalies.length,
      ...(highest ? { highest } : {}),
    },
    timeline,
    schema: summarizeSchema(schema),
    anomalies: schema.anomalies.map((anomaly) => ({ ...anomaly })),
  };
}

export function summarizeSchema(state: SchemaState): SchemaSummary {
  const tables = Object.values(state.tables)
    .map((table) => ({
      name: objectKey(table),
      columns: table.columns.map((column) => {
        const defaultText = describeDefault(column.default);
        return {
          name: column.name,
          type: column.type.sql,
          nullable: column.nullable,
          ...(defaultText === undefined ? {} : { default: defaultText }),
          primaryKey: column.primaryKey,
          unique: column.unique,
          ...(column.references
            ? { references: `${objectKey(column.references.table)}(${column.references.column})` }
            : {}),
        };
      }),
      indexes: table.indexes.map(describeIndex),
      constraints: table.constraints.map(describeConstraint),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const objects: Record<string, string[]> = {};
  for (const record of OBJECT_RECORDS) {
    const names = Object.keys(state[record]).sort();
    if (names.length > 0) objects[record] = names;
  }
  return { tables, objects };
}
