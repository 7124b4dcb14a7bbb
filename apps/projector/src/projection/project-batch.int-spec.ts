import { MikroORM } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { JobName, QueueName, riskRecomputeKey, type SchemaEvent } from '@schematrace/contracts';
import type { ConsumedMessage } from '@schematrace/messaging';
import { migrateDatabase, ormOptions, ProjectionRepository } from '@schematrace/persistence';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { sqlMigrationEvent } from '../../../../test/support/sql-migration-events';
import { HeadStateCache } from './head-state.cache';
import { ProjectBatchService } from './project-batch.service';
import { BullRiskRecomputeTrigger } from './risk-recompute.trigger';

const source = { consumerGroup: 'projector', topic: 'schema-events', partition: 0 };

const event = (
  project: string,
  opIndex: number,
  kind: SchemaEvent['kind'],
  payload: unknown,
): SchemaEvent =>
  sqlMigrationEvent(project, opIndex, kind, payload, { id: 'scan-1', eventCount: 3 });

const column = {
  name: 'id',
  type: { sql: 'bigint' },
  nullable: false,
  unique: false,
  primaryKey: true,
  default: { kind: 'none' },
};
const events = [
  event('shop', 0, 'table.created', { table: { name: 'orders' } }),
  event('shop', 1, 'column.added', { table: { name: 'orders' }, column }),
  event('shop', 2, 'column.dropped', { table: { name: 'orders' }, column: 'id' }),
];
const delivered = (offsets: number[], from = events): ConsumedMessage<'schema-events'>[] =>
  offsets.map((offset, index) => ({
    topic: 'schema-events',
    partition: 0,
    offset: String(offset),
    key: 'shop',
    value: from[index]!,
  }));

describe('ProjectBatchService against PostgreSQL', () => {
  let environment: IsolatedEnvironment;
  let orm: MikroORM;
  let projector: ProjectBatchService;
  let riskQueue: Queue;
  const rows = (sql: string) => orm.em.getConnection().execute(sql);

  beforeAll(async () => {
    environment = await isolatedEnvironment('projector');
    orm = await MikroORM.init(ormOptions(environment.databaseUrl));
    await migrateDatabase(orm);
    riskQueue = new Queue(QueueName.risk, {
      connection: { url: environment.env.REDIS_URL },
      prefix: environment.env.REDIS_PREFIX,
    });
    projector = new ProjectBatchService(
      new ProjectionRepository(orm.em),
      new BullRiskRecomputeTrigger(riskQueue),
      new HeadStateCache(),
    );
  });

  afterAll(async () => {
    await riskQueue?.close();
    await orm?.close(true);
    await environment?.dispose();
  });

  it('numbers the events, writes tables and columns with their intervals, and the checkpoint', async () => {
    expect(await projector.project(delivered([10, 11, 12]), source)).toBe(3);

    expect(await rows('select sequence::int, kind from schema_events order by sequence')).toEqual([
      { sequence: 1, kind: 'table.created' },
      { sequence: 2, kind: 'column.added' },
      { sequence: 3, kind: 'column.dropped' },
    ]);
    expect(
      await rows('select table_key, added_sequence::int, removed_sequence from schema_tables'),
    ).toEqual([{ table_key: 'orders', added_sequence: 1, removed_sequence: null }]);
    expect(
      await rows('select name, added_sequence::int, removed_sequence::int from schema_columns'),
    ).toEqual([{ name: 'id', added_sequence: 2, removed_sequence: 3 }]);
    expect(await rows('select "offset"::int from consumer_checkpoints')).toEqual([{ offset: 12 }]);
    expect(await rows('select expected, projected from scan_progress')).toEqual([
      { expected: 3, projected: 3 },
    ]);
  });

  it('after the commit, enqueues one debounced risk recompute for the project', async () => {
    const jobs = await riskQueue.getJobs(['delayed', 'waiting']);

    expect(jobs.map((job): unknown[] => [job.name, job.data, job.opts.deduplication?.id])).toEqual([
      [JobName.riskRecompute, { project: 'shop', reason: 'events' }, riskRecomputeKey('shop')],
    ]);
  });

  it('applies nothing twice when the same batch is delivered again', async () => {
    expect(await projector.project(delivered([10, 11, 12]), source)).toBe(0);

    expect(await rows('select count(*)::int as n from schema_events')).toEqual([{ n: 3 }]);
    expect(await riskQueue.getJobCountByTypes('delayed', 'waiting')).toBe(1);
  });

  it('skips events already recorded even when they come back at new offsets (a replayed topic)', async () => {
    expect(await projector.project(delivered([20, 21, 22]), source)).toBe(0);

    expect(await rows('select count(*)::int as n from schema_events')).toEqual([{ n: 3 }]);
    expect(await rows('select "offset"::int from consumer_checkpoints')).toEqual([{ offset: 22 }]);
  });

  it('keeps one sequence per project', async () => {
    const other = [event('blog', 0, 'table.created', { table: { name: 'posts' } })];

    await projector.project(delivered([23], other), source);

    expect(
      await rows("select project, sequence::int from schema_events where project = 'blog'"),
    ).toEqual([{ project: 'blog', sequence: 1 }]);
  });

  it('keeps the table comment on the table row (the original API shows it as the description)', async () => {
    const commented = [
      event('blog', 1, 'table.comment_changed', { table: { name: 'posts' }, comment: 'Articles' }),
    ];

    await projector.project(delivered([24], commented), source);

    expect(
      await rows("select comment, removed_sequence from schema_tables where project = 'blog'"),
    ).toEqual([{ comment: 'Articles', removed_sequence: null }]);
  });

  it('folds onto the stored history when another instance has moved the head since (a partition taken over)', async () => {
    const other = new ProjectBatchService(
      new ProjectionRepository(orm.em),
      new BullRiskRecomputeTrigger(riskQueue),
      new HeadStateCache(),
    );
    const note = { ...column, name: 'note', primaryKey: false, nullable: true };
    const later = [
      event('shop', 3, 'column.added', { table: { name: 'orders' }, column: note }),
      event('shop', 4, 'column.dropped', { table: { name: 'orders' }, column: 'note' }),
    ];

    // A new instance knows nothing of `orders` in memory: it restores the schema from storage.
    await other.project(delivered([30], [later[0]!]), source);
    // The first instance still holds the schema before `note`: the head's revision tells it so.
    await projector.project(delivered([31], [later[1]!]), source);

    expect(
      await rows(
        `select name, added_sequence::int, removed_sequence::int from schema_columns
          where project = 'shop' and name = 'note'`,
      ),
    ).toEqual([{ name: 'note', added_sequence: 4, removed_sequence: 5 }]);
  });

  it('loses nothing to a checkpoint left by an earlier topic of the same name (offsets start again)', async () => {
    // The topic was deleted and created again: its offsets restart below the checkpoint.
    await rows(`update consumer_checkpoints set "offset" = 1000`);
    const fresh = [event('renewed', 0, 'table.created', { table: { name: 'things' } })];

    expect(await projector.project(delivered([0], fresh), source)).toBe(1);

    expect(await rows("select sequence::int from schema_events where project = 'renewed'")).toEqual(
      [{ sequence: 1 }],
    );
    expect(await rows('select "offset"::int from consumer_checkpoints')).toEqual([{ offset: 0 }]);
  });
});
