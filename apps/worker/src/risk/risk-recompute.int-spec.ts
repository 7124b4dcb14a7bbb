import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import {
  DEFAULT_RISK_POLICY,
  QueueName,
  RiskPolicy,
  riskRecomputeRequest,
  snapshotTakeRequest,
  type RiskRecomputeReason,
  type SchemaEvent,
} from '@schematrace/contracts';
import { assessRisks, RULE_SET_VERSION } from '@schematrace/domain';
import {
  migrateDatabase,
  ormOptions,
  ProjectPolicyRepository,
  RiskFindingRepository,
  type StoredRiskFinding,
} from '@schematrace/persistence';
import { startService, type RunningService } from '@schematrace/platform';
import {
  createTable,
  history,
  migration,
  op,
  t,
} from '../../../../libs/domain/src/testing/history';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { workerService } from '../worker.service-definition';
import { policyHash, storedFindings } from './risk-plan';

/** Given these events for a project, as the projector records them. */
function recorded(project: string, events: readonly SchemaEvent[]) {
  return events.map((event, index) => ({ sequence: index + 1, event: { ...event, project } }));
}

const shopEvents = recorded(
  'shop',
  history(
    migration('0001', createTable('users', 'id bigint pk', 'email text', 'name text')),
    migration('0002', [
      op('column.dropped', { table: t('users'), column: 'email' }),
      op('table.renamed', { table: t('users'), newName: 'accounts' }),
    ]),
  ),
);
const legacyEvents = recorded(
  'legacy',
  history(
    migration('l1', createTable('orders', 'id bigint pk', 'total numeric')),
    migration('l2', op('table.dropped', { table: t('orders') })),
  ),
);

const sortedFindings = (findings: readonly StoredRiskFinding[]) =>
  [...findings].sort(
    (a, b) =>
      a.sequence - b.sequence ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      a.hit - b.hit,
  );

/** Then the findings the domain computes for those events under that policy. */
function expectedFindings(
  events: ReturnType<typeof recorded>,
  policy: RiskPolicy = DEFAULT_RISK_POLICY,
) {
  const { findings } = assessRisks(
    events.map((entry) => entry.event),
    { policy },
  );
  return sortedFindings(storedFindings(findings, events));
}

async function eventually<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('risk recompute on the worker, against PostgreSQL and Redis', () => {
  let environment: IsolatedEnvironment;
  let orm: MikroORM;
  let database: Client;
  let worker: RunningService;
  let queue: Queue;
  let findings: RiskFindingRepository;
  let policies: ProjectPolicyRepository;

  async function seed(events: ReturnType<typeof recorded>): Promise<void> {
    for (const { sequence, event } of events)
      await database.query(
        `insert into schema_events
           (id, project, sequence, kind, scan_id, migration_path, migration_name, occurred_at, event)
         values ($1, $2, $3, $4, 'scan', $5, $6, $7, $8)`,
        [
          event.id,
          event.project,
          sequence,
          event.kind,
          event.migration.path,
          event.migration.name,
          event.occurredAt,
          JSON.stringify(event),
        ],
      );
    await database.query(
      `insert into project_heads (project, last_sequence, revision) values ($1, $2, gen_random_uuid())
       on conflict (project) do update set last_sequence = excluded.last_sequence`,
      [events[0]!.event.project, events.length],
    );
  }

  async function enqueue(
    project: string,
    reason: RiskRecomputeReason,
    retry = { attempts: 3, backoffMs: 100 },
  ) {
    const request = riskRecomputeRequest(project, reason, { delayMs: 0, retry });
    return queue.add(request.name, request.data, request.opts);
  }

  const assessed = (project: string, hash: string) =>
    eventually(async () => {
      const assessment = await findings.getAssessment(project);
      return assessment?.policyHash === hash && assessment.ruleSetVersion === RULE_SET_VERSION
        ? assessment
        : undefined;
    }, `an assessment of ${project}`);

  const listAll = async (project: string) =>
    sortedFindings((await findings.list({ project, limit: 1_000 })).findings);

  beforeAll(async () => {
    environment = await isolatedEnvironment('worker-risk');
    orm = await MikroORM.init(ormOptions(environment.databaseUrl));
    await migrateDatabase(orm);
    findings = new RiskFindingRepository(orm.em);
    policies = new ProjectPolicyRepository(orm.em);
    database = new Client({ connectionString: environment.databaseUrl });
    await database.connect();
    // Given a project assessed by an older rule set, before the worker starts.
    await seed(legacyEvents);
    await database.query(
      `insert into risk_assessments (project, rule_set_version, policy_hash, last_sequence)
       values ('legacy', '0.0.1', $1, $2)`,
      [policyHash(DEFAULT_RISK_POLICY), legacyEvents.length],
    );
    queue = new Queue(QueueName.risk, {
      connection: { url: environment.env.REDIS_URL },
      prefix: environment.env.REDIS_PREFIX,
    });
    worker = await startService(workerService, environment.config('worker'));
  });

  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await database?.end();
    await orm?.close(true);
    await environment?.dispose();
  });

  it('recomputes, at start, the findings of a project assessed by another rule set', async () => {
    const assessment = await assessed('legacy', policyHash(DEFAULT_RISK_POLICY));

    expect(assessment.lastSequence).toBe(legacyEvents.length);
    expect(await listAll('legacy')).toEqual(expectedFindings(legacyEvents));
  });

  it('stores the findings the domain computes for the event log, and what they cover', async () => {
    await seed(shopEvents);

    await enqueue('shop', 'events');

    const assessment = await assessed('shop', policyHash(DEFAULT_RISK_POLICY));
    const expected = expectedFindings(shopEvents);
    expect(expected.length).toBeGreaterThan(1);
    expect(await listAll('shop')).toEqual(expected);
    expect(assessment).toMatchObject({
      lastSequence: shopEvents.length,
      findingCount: expected.length,
    });
  });

  it('filters findings by level, rule and sequence, a page at a time', async () => {
    const all = await listAll('shop');
    const first = await findings.list({ project: 'shop', limit: 1 });
    const second = await findings.list({ project: 'shop', limit: 1, after: first.next! });

    expect([...first.findings, ...second.findings]).toEqual(all.slice(0, 2));
    const high = await findings.list({ project: 'shop', minLevel: 'high', limit: 100 });
    expect(sortedFindings(high.findings)).toEqual(
      all.filter((finding) => finding.level === 'high' || finding.level === 'critical'),
    );
    const rule = all[0]!.ruleId;
    expect((await findings.list({ project: 'shop', ruleId: rule, limit: 100 })).findings).toEqual(
      all.filter((finding) => finding.ruleId === rule),
    );
    const last = shopEvents.length;
    expect(
      sortedFindings(
        (await findings.list({ project: 'shop', fromSequence: last, toSequence: last, limit: 100 }))
          .findings,
      ),
    ).toEqual(all.filter((finding) => finding.sequence === last));
  });

  it('recomputes under a replaced policy: a rule turned off, another raised', async () => {
    const before = await listAll('shop');
    const [off, raised] = [...new Set(before.map((finding) => finding.ruleId))];
    const policy = RiskPolicy.parse({
      rules: { [off!]: { enabled: false }, ...(raised ? { [raised]: { level: 'critical' } } : {}) },
    });

    await policies.replace('shop', policy);
    await enqueue('shop', 'policy');

    await assessed('shop', policyHash(policy));
    const after = await listAll('shop');
    expect(after).toEqual(expectedFindings(shopEvents, policy));
    expect(after.some((finding) => finding.ruleId === off)).toBe(false);
    expect(after).not.toEqual(before);
  });

  it('retries a failing recompute, leaves it in the failed set, and runs a trigger that came meanwhile', async () => {
    // Another session holds the project's risk lock: every attempt times out waiting for it.
    const blocker = new Client({ connectionString: environment.databaseUrl });
    await blocker.connect();
    await blocker.query('select pg_advisory_lock(hashtextextended($1, 0))', ['risk:shop']);
    const previous = await findings.getAssessment('shop');
    try {
      const failing = await enqueue('shop', 'events', { attempts: 2, backoffMs: 100 });
      await eventually(
        async () => ((await failing.getState()) === 'active' ? true : undefined),
        'the first run to start',
      );
      // New events arrive while the run is active: their trigger must not be lost.
      await enqueue('shop', 'events');

      const failed = await eventually(async () => {
        const job = await queue.getJob(failing.id!);
        return (await job?.getState()) === 'failed' ? job : undefined;
      }, 'the job to fail');
      expect(failed.attemptsMade).toBe(2);
      expect(failed.failedReason).toContain('lock timeout');
      expect((await queue.getFailed()).map((job) => job.id)).toContain(failing.id);
    } finally {
      await blocker.end();
    }
    const next = await eventually(async () => {
      const assessment = await findings.getAssessment('shop');
      return assessment && assessment.assessedAt > previous!.assessedAt ? assessment : undefined;
    }, 'the trigger kept while the failing run was active to run');
    expect(next.lastSequence).toBe(shopEvents.length);
  });

  it('takes a snapshot of a project on demand, and serves Bull Board at /admin/queues', async () => {
    const snapshots = new Queue(QueueName.snapshots, {
      connection: { url: environment.env.REDIS_URL },
      prefix: environment.env.REDIS_PREFIX,
    });
    try {
      const request = snapshotTakeRequest('shop');
      await snapshots.add(request.name, request.data, request.opts);

      await eventually(async () => {
        const rows = await database.query(
          "select sequence::int from schema_snapshots where project = 'shop'",
        );
        return rows.rows.length > 0 ? rows.rows : undefined;
      }, 'a snapshot').then((rows) => expect(rows).toEqual([{ sequence: shopEvents.length }]));
    } finally {
      await snapshots.close();
    }

    const page = await fetch(`${worker.url}/admin/queues`);
    expect(page.status).toBe(200);
    const api = await fetch(`${worker.url}/admin/queues/api/queues`);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((entry) => entry.name).sort()).toEqual([
      QueueName.risk,
      QueueName.snapshots,
    ]);
  });
});
