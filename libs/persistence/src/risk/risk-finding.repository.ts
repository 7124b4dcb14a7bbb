import { EntityManager, type Knex } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  RISK_LEVELS,
  RiskPolicy,
  type RiskFinding,
  type RiskLevel,
  type SchemaEvent,
} from '@schematrace/contracts';

/** A finding as stored: the domain's finding, the sequence of its event, and its hit number. */
export interface StoredRiskFinding extends RiskFinding {
  readonly sequence: number;
  /** Numbers the findings one rule raised on one event: 0, 1, ... */
  readonly hit: number;
}

/** Findings are listed by (sequence, rule, hit); the cursor is the last one of a page. */
export interface RiskFindingCursor {
  readonly sequence: number;
  readonly ruleId: string;
  readonly hit: number;
}

export interface RiskFindingFilter {
  readonly project: string;
  /** This level and the more severe ones. */
  readonly minLevel?: RiskLevel;
  readonly ruleId?: string;
  /** The findings of one migration (`app/name`). */
  readonly migration?: string;
  /** Inclusive bounds on the sequence of the finding's event. */
  readonly fromSequence?: number;
  readonly toSequence?: number;
  readonly acknowledged?: boolean;
  readonly after?: RiskFindingCursor;
  readonly limit: number;
}

export interface RiskFindingPage {
  readonly findings: StoredRiskFinding[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly next: RiskFindingCursor | null;
}

export interface RiskAssessmentRecord {
  readonly project: string;
  readonly ruleSetVersion: string;
  readonly policyHash: string;
  /** The last event the findings cover. */
  readonly lastSequence: number;
  readonly findingCount: number;
  readonly assessedAt: Date;
}

/** A project's position next to its latest assessment and policy: what the worker checks at start. */
export interface ProjectRiskStatus {
  readonly project: string;
  readonly headSequence: number;
  readonly assessment:
    Pick<RiskAssessmentRecord, 'ruleSetVersion' | 'policyHash' | 'lastSequence'> | undefined;
  readonly policy: RiskPolicy | undefined;
}

export interface RecordedEvent {
  readonly sequence: number;
  readonly event: SchemaEvent;
}

/**
 * One project's assessment in the making, inside one transaction that holds the project's risk
 * lock: it reads the policy and the events up to the head as of the lock, and writes the
 * findings and the assessment that cover them.
 */
export interface ProjectRiskAssessmentUnit {
  readonly project: string;
  /** The head when the lock was taken: events after it belong to the next run. */
  readonly headSequence: number;
  readonly policy: RiskPolicy | undefined;
  /** The events up to the head, in sequence order, read a page at a time. */
  events(pageSize?: number): AsyncIterable<readonly RecordedEvent[]>;
  /** Replaces every finding of the project and records what they cover. */
  replace(
    findings: readonly StoredRiskFinding[],
    assessment: Pick<RiskAssessmentRecord, 'ruleSetVersion' | 'policyHash' | 'lastSequence'>,
  ): Promise<void>;
}

/** Not far above one PostgreSQL bind-parameter limit for 11 columns (65535 / 11). */
const INSERT_CHUNK = 2_000;
const DEFAULT_PAGE = 2_000;
/** A recompute waiting on a lock longer than this fails and is retried by its job. */
const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

/** Risk findings and assessments: written by the worker's recompute, read by the API. */
@Injectable()
export class RiskFindingRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Runs `work` in one transaction under the project's advisory lock, so two recomputes of one
   * project never interleave and the one that commits last has read the most events.
   */
  async assess<T>(
    project: string,
    work: (unit: ProjectRiskAssessmentUnit) => Promise<T>,
    options: { readonly lockTimeoutMs?: number } = {},
  ): Promise<T> {
    return this.em.fork().transactional(async (em) => {
      const trx = em.getTransactionContext<Knex.Transaction>()!;
      const timeout = Math.max(1, Math.trunc(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS));
      await trx.raw(`set local lock_timeout = ${timeout}`);
      await trx.raw(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`risk:${project}`]);
      // Read committed, after the lock: the head and the events include every commit before it.
      const head: { last_sequence: string } | undefined = await trx('project_heads')
        .where({ project })
        .first('last_sequence');
      const policy: { policy: unknown } | undefined = await trx('project_policies')
        .where({ project })
        .first('policy');
      const headSequence = head ? Number(head.last_sequence) : 0;
      return work({
        project,
        headSequence,
        policy: policy ? RiskPolicy.parse(policy.policy) : undefined,
        events: (pageSize = DEFAULT_PAGE) => eventPages(trx, project, headSequence, pageSize),
        replace: (findings, assessment) => replaceFindings(trx, project, findings, assessment),
      });
    });
  }

  async getAssessment(project: string): Promise<RiskAssessmentRecord | undefined> {
    const row = (await this.knex()('risk_assessments').where({ project }).first()) as
      AssessmentRow | undefined;
    return row && toAssessment(row);
  }

  async list(filter: RiskFindingFilter): Promise<RiskFindingPage> {
    const query = this.knex()('risk_findings').where({ project: filter.project });
    if (filter.minLevel)
      query.whereIn('level', RISK_LEVELS.slice(RISK_LEVELS.indexOf(filter.minLevel)));
    if (filter.ruleId !== undefined) query.where({ rule_id: filter.ruleId });
    if (filter.migration !== undefined) query.where({ migration: filter.migration });
    if (filter.acknowledged !== undefined) query.where({ acknowledged: filter.acknowledged });
    if (filter.fromSequence !== undefined) query.where('sequence', '>=', filter.fromSequence);
    if (filter.toSequence !== undefined) query.where('sequence', '<=', filter.toSequence);
    if (filter.after)
      query.whereRaw('(sequence, rule_id, hit) > (?, ?, ?)', [
        filter.after.sequence,
        filter.after.ruleId,
        filter.after.hit,
      ]);
    const rows = (await query
      .orderBy([{ column: 'sequence' }, { column: 'rule_id' }, { column: 'hit' }])
      .limit(filter.limit + 1)
      .select('*')) as FindingRow[];
    const findings = rows.slice(0, filter.limit).map(toFinding);
    const last = findings.at(-1);
    return {
      findings,
      next:
        rows.length > filter.limit && last
          ? { sequence: last.sequence, ruleId: last.ruleId, hit: last.hit }
          : null,
    };
  }

  /** Every project with events, with its latest assessment and policy (for the start-up check). */
  async projectStatuses(): Promise<ProjectRiskStatus[]> {
    const rows: {
      project: string;
      head: string;
      rule_set_version: string | null;
      policy_hash: string | null;
      assessed: string | null;
      policy: unknown;
    }[] = await this.knex()('project_heads as h')
      .leftJoin('risk_assessments as a', 'a.project', 'h.project')
      .leftJoin('project_policies as p', 'p.project', 'h.project')
      .orderBy('h.project')
      .select(
        'h.project',
        'h.last_sequence as head',
        'a.rule_set_version',
        'a.policy_hash',
        'a.last_sequence as assessed',
        'p.policy',
      );
    return rows.map((row) => ({
      project: row.project,
      headSequence: Number(row.head),
      assessment:
        row.rule_set_version !== null && row.policy_hash !== null && row.assessed !== null
          ? {
              ruleSetVersion: row.rule_set_version,
              policyHash: row.policy_hash,
              lastSequence: Number(row.assessed),
            }
          : undefined,
      policy:
        row.policy === null || row.policy === undefined ? undefined : RiskPolicy.parse(row.policy),
    }));
  }

  private knex(): Knex {
    return this.em.getConnection().getKnex();
  }
}

async function* eventPages(
  trx: Knex.Transaction,
  project: string,
  headSequence: number,
  pageSize: number,
): AsyncIterable<readonly RecordedEvent[]> {
  let after = 0;
  while (after < headSequence) {
    const rows: { sequence: string; event: SchemaEvent }[] = await trx('schema_events')
      .where({ project })
      .where('sequence', '>', after)
      .where('sequence', '<=', headSequence)
      .orderBy('sequence')
      .limit(pageSize)
      .select('sequence', 'event');
    if (rows.length === 0) return;
    // Written by the projector from validated events; read back as they were stored.
    yield rows.map((row) => ({ sequence: Number(row.sequence), event: row.event }));
    after = Number(rows.at(-1)!.sequence);
  }
}

async function replaceFindings(
  trx: Knex.Transaction,
  project: string,
  findings: readonly StoredRiskFinding[],
  assessment: Pick<RiskAssessmentRecord, 'ruleSetVersion' | 'policyHash' | 'lastSequence'>,
): Promise<void> {
  await trx('risk_findings').where({ project }).delete();
  for (let start = 0; start < findings.length; start += INSERT_CHUNK) {
    await trx('risk_findings').insert(
      findings.slice(start, start + INSERT_CHUNK).map((finding) => ({
        project,
        event_id: finding.eventId,
        rule_id: finding.ruleId,
        hit: finding.hit,
        sequence: finding.sequence,
        level: finding.level,
        migration: finding.migration,
        message: finding.message,
        safe_alternative: finding.safeAlternative,
        acknowledged: finding.acknowledged,
        rule_set_version: finding.ruleSetVersion,
      })),
    );
  }
  await trx('risk_assessments')
    .insert({
      project,
      rule_set_version: assessment.ruleSetVersion,
      policy_hash: assessment.policyHash,
      last_sequence: assessment.lastSequence,
      finding_count: findings.length,
      assessed_at: trx.fn.now(),
    })
    .onConflict('project')
    .merge();
}

interface FindingRow {
  event_id: string;
  rule_id: string;
  hit: number;
  sequence: string;
  level: RiskLevel;
  migration: string;
  message: string;
  safe_alternative: string;
  acknowledged: boolean;
  rule_set_version: string;
}

function toFinding(row: FindingRow): StoredRiskFinding {
  return {
    eventId: row.event_id,
    ruleId: row.rule_id,
    hit: row.hit,
    sequence: Number(row.sequence),
    level: row.level,
    migration: row.migration,
    message: row.message,
    safeAlternative: row.safe_alternative,
    acknowledged: row.acknowledged,
    ruleSetVersion: row.rule_set_version,
  };
}

interface AssessmentRow {
  project: string;
  rule_set_version: string;
  policy_hash: string;
  last_sequence: string;
  finding_count: number;
  assessed_at: Date;
}

function toAssessment(row: AssessmentRow): RiskAssessmentRecord {
  return {
    project: row.project,
    ruleSetVersion: row.rule_set_version,
    policyHash: row.policy_hash,
    lastSequence: Number(row.last_sequence),
    findingCount: row.finding_count,
    assessedAt: new Date(row.assessed_at),
  };
}
