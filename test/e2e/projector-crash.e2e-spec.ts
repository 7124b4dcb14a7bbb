import { Kafka, logLevel, type Admin } from 'kafkajs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  SchemaEvent,
  TopicName,
  physicalTopic,
  type ScanStatusResponse,
} from '@schematrace/contracts';
import { EMPTY_SCHEMA, evolve } from '@schematrace/domain';
import { HealthRegistry, type RunningService } from '@schematrace/platform';
import { cli } from './cli-runner';
import { caughtUp, consumedMessages } from './consumer-groups';
import { eventually } from './eventually';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');
const PROJECT = 'crash';

/**
 * The projector writes a batch of events and its checkpoint in one transaction. These tests stop
 * it at the two instants that matter: inside that transaction (the database must roll it all
 * back and the batch must come again), and after the commit but before Kafka learnt of it (the
 * batch comes again and must change nothing). Either way every event lands exactly once.
 */
describe('a projector killed mid-batch and restarted records every event exactly once', () => {
  let stack: RunningStack;
  let db: Client;
  /** Holds the projector's last write of a batch back; ended in afterAll if a test failed. */
  let lock: Client | undefined;
  let admin: Admin;
  let repo: string;
  let schemaEvents: string;
  let projectorGroup: string;

  beforeAll(async () => {
    stack = await startStack('projector_crash');
    db = new Client({ connectionString: stack.environment.databaseUrl });
    await db.connect();
    admin = new Kafka({ brokers: stack.environment.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    schemaEvents = physicalTopic(TopicName.schemaEvents, stack.environment.topicPrefix);
    projectorGroup = `${stack.environment.topicPrefix}schematrace-projector`;
    // The first scan sees only the catalog app; the orders app comes in the batch that is killed.
    repo = await mkdtemp(path.join(tmpdir(), 'schematrace-crash-'));
    await cp(path.join(EXAMPLE, 'catalog'), path.join(repo, 'catalog'), { recursive: true });
  });

  afterAll(async () => {
    await lock?.end();
    await admin?.disconnect();
    await db?.end();
    await stack?.stop();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  const recorded = async () =>
    (
      await db.query<{ id: string; sequence: number }>(
        'select id, sequence::int from schema_events where project = $1 order by sequence',
        [PROJECT],
      )
    ).rows;

  const scanStatus = async (scanId: string) =>
    (await (
      await fetch(`${stack.gateway.url}/v1/projects/${PROJECT}/scans/${scanId}`)
    ).json()) as ScanStatusResponse;

  it('rolls back the batch it was killed in, and the next instance records it once', async () => {
    const first = await cli(stack.gateway.url, 'scan', repo, '--project', PROJECT);
    expect(first.code).toBe(0);
    const beforeCrash = await recorded();
    expect(beforeCrash.length).toBeGreaterThan(0);

    // Given a batch blocked inside its transaction, after writing its events and the head:
    // scan_progress is its last write, and this share lock holds every writer of it back.
    await cp(path.join(EXAMPLE, 'orders'), path.join(repo, 'orders'), { recursive: true });
    lock = new Client({ connectionString: stack.environment.databaseUrl });
    await lock.connect();
    await lock.query('begin');
    await lock.query('lock table scan_progress in share mode');
    const submitted = await cli(stack.gateway.url, 'scan', repo, '--project', PROJECT, '--no-wait');
    const scanId = /as scan (\S+)/.exec(submitted.stdout)?.[1];
    expect(scanId).toBeDefined();
    const blocked = await eventually(
      async () =>
        (
          await db.query<{ pid: number }>(
            `select pid from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'
                and query like 'insert into "scan_progress"%'`,
          )
        ).rows[0]?.pid,
      'the projector waiting on scan_progress',
    );
    const writtenInTransaction = await db.query<{ relation: string }>(
      `select relation::regclass::text as relation from pg_locks
        where pid = $1 and mode = 'RowExclusiveLock' and relation is not null`,
      [blocked],
    );
    expect(writtenInTransaction.rows.map((row) => row.relation)).toEqual(
      expect.arrayContaining(['schema_events', 'project_heads', 'schema_tables', 'schema_columns']),
    );

    // When the projector dies there: it stops taking messages (so nothing gets committed to
    // Kafka) and its connection drops mid-transaction, as a killed process's would.
    const [projector] = stack.instances('projector') as [RunningService];
    const stopping = projector.stop();
    await eventually(
      async () => (await consumerState(projector)).startsWith('stopping'),
      'the projector stopping',
    );
    await db.query('select pg_terminate_backend($1)', [blocked]);
    await stopping;
    stack.release(projector);
    await lock.query('rollback');
    await lock.end();
    lock = undefined;

    // Then nothing of the batch is left, and the scan is not done.
    expect(await recorded()).toEqual(beforeCrash);
    expect((await scanStatus(scanId!)).status).not.toBe('projected');

    // When a new instance joins the same consumer group, the batch comes again, once.
    await stack.startInstance('projector');
    const status = await eventually(async () => {
      const current = await scanStatus(scanId!);
      return current.status === 'projected' && current;
    }, 'the scan projected');

    const published = await publishedEvents(stack, schemaEvents, PROJECT);
    const after = await recorded();
    expect(status.events).toEqual({
      expected: published.length - beforeCrash.length,
      projected: published.length - beforeCrash.length,
    });
    expect(after.slice(0, beforeCrash.length)).toEqual(beforeCrash);
    expect(after.map((row) => row.sequence)).toEqual(published.map((_, index) => index + 1));
    expect(after.map((row) => row.id)).toEqual(published.map((event) => event.id));

    const head = await db.query<{ last_sequence: number }>(
      'select last_sequence::int from project_heads where project = $1',
      [PROJECT],
    );
    expect(head.rows).toEqual([{ last_sequence: after.length }]);
    const byId = new Map(published.map((event) => [event.id, event]));
    const folded = after.reduce(
      (state, { id, sequence }) => evolve(state, byId.get(id)!, sequence),
      EMPTY_SCHEMA,
    );
    // The restarted projector folded onto a state it restored, not the one it lost: its open
    // table intervals and the schema the gateway serves are the whole history's fold.
    const open = await db.query<{ table_key: string }>(
      `select table_key from schema_tables where project = $1 and removed_sequence is null
        order by table_key`,
      [PROJECT],
    );
    expect(open.rows.map((row) => row.table_key)).toEqual(Object.keys(folded.tables).sort());
    const served = (await (
      await fetch(`${stack.gateway.url}/v1/projects/${PROJECT}/schema`)
    ).json()) as { sequence: number; tables: unknown[] };
    expect(served).toMatchObject({
      sequence: after.length,
      tables: JSON.parse(
        JSON.stringify(Object.values(folded.tables).sort((a, b) => a.name.localeCompare(b.name))),
      ) as unknown[],
    });
    expect(Object.keys(folded.tables).sort()).toEqual([
      'catalog_category',
      'catalog_product',
      'orders_order',
      'orders_orderline',
    ]);
  });

  it('changes nothing when every batch comes again after the commit (the Kafka offsets lost)', async () => {
    const events = await recorded();
    const progress = await db.query('select * from scan_progress order by scan_id');
    const heads = await db.query('select * from project_heads order by project');

    // Given the projector stopped, and its group's offsets back at the start of the topic, as if
    // it had died after each commit to the database and before each commit to Kafka:
    const [projector] = stack.instances('projector') as [RunningService];
    await projector.stop();
    stack.release(projector);
    const ends = await admin.fetchTopicOffsets(schemaEvents);
    await admin.setOffsets({
      groupId: projectorGroup,
      topic: schemaEvents,
      partitions: ends.map(({ partition, low }) => ({ partition, offset: low })),
    });
    const messages = ends.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);

    // When a new instance starts, it is handed every message again and handles each.
    const restarted = await stack.startInstance('projector');
    // The counter moves once a batch is handled and its offset committed, so it comes last.
    await eventually(
      async () => (await consumedMessages(restarted, TopicName.schemaEvents)) >= messages,
      'every message handled again',
    );
    expect(await consumedMessages(restarted, TopicName.schemaEvents)).toBe(messages);
    expect(await caughtUp(admin, projectorGroup, schemaEvents)).toBe(true);

    // Then the read models are as they were.
    expect(await recorded()).toEqual(events);
    expect((await db.query('select * from scan_progress order by scan_id')).rows).toEqual(
      progress.rows,
    );
    expect((await db.query('select * from project_heads order by project')).rows).toEqual(
      heads.rows,
    );
  });
});

/** What the instance's /health says of its Kafka consumer: running, stopping, ... */
async function consumerState(instance: RunningService): Promise<string> {
  const health = await instance.app.get(HealthRegistry).run(500);
  return health.checks['kafka-consumer']?.detail ?? '';
}

/** Every event of the project on the topic, in the order the parser published them. */
async function publishedEvents(
  stack: RunningStack,
  topic: string,
  project: string,
): Promise<SchemaEvent[]> {
  const kafka = new Kafka({ brokers: stack.environment.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(
    ends.filter(({ high, low }) => high !== low).map(({ partition, high }) => [partition, high]),
  );
  const events: SchemaEvent[] = [];
  const consumer = kafka.consumer({
    groupId: `${stack.environment.topicPrefix}reader-${Date.now()}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      const event = SchemaEvent.parse(JSON.parse(message.value!.toString('utf8')));
      if (event.project === project) events.push(event);
      if (BigInt(message.offset) + 1n >= BigInt(remaining.get(partition) ?? 0))
        remaining.delete(partition);
      return Promise.resolve();
    },
  });
  try {
    await eventually(() => remaining.size === 0, 'the topic read to its end');
    return events;
  } finally {
    await consumer.disconnect();
  }
}
