import { MikroORM } from '@mikro-orm/postgresql';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, fold } from '@schematrace/domain';
import {
  migrateDatabase,
  ormOptions,
  ProjectHistoryRepository,
  ProjectRepository,
} from '@schematrace/persistence';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { sqlMigrationEvent } from '../../../../test/support/sql-migration-events';
import { ProjectsService } from '../projects/projects.service';
import { ProjectHistoryService } from './project-history.service';

const created = (name: string, opIndex: number): SchemaEvent =>
  sqlMigrationEvent('p', opIndex, 'table.created', { table: { name } }, { eventCount: 4 });

describe('time travel over the stored event log', () => {
  let environment: IsolatedEnvironment;
  let orm: MikroORM;
  let query: ProjectHistoryService;
  const events = [created('a', 0), created('b', 1), created('c', 2), created('d', 3)];

  beforeAll(async () => {
    environment = await isolatedEnvironment('time_travel');
    orm = await MikroORM.init(ormOptions(environment.databaseUrl));
    await migrateDatabase(orm);
    const connection = orm.em.getConnection();
    for (const [index, event] of events.entries()) {
      await connection.execute(
        `insert into schema_events (id, project, sequence, kind, scan_id, migration_path, migration_name, occurred_at, event)
         values (?, 'p', ?, ?, 's', 'db/1.sql', '1', now(), ?)`,
        [event.id, index + 1, event.kind, JSON.stringify(event)],
      );
    }
    await connection.execute(`insert into projects (key) values ('p')`);
    await connection.execute(
      `insert into project_heads (project, last_sequence, revision) values ('p', 4, gen_random_uuid())`,
    );
    // A snapshot that events alone could not produce, to see that time travel starts from it.
    const marked = fold([created('from_snapshot', 9)], EMPTY_SCHEMA);
    await connection.execute(
      `insert into schema_snapshots (project, sequence, state) values ('p', 2, ?)`,
      [JSON.stringify(marked)],
    );
    query = new ProjectHistoryService(
      new ProjectHistoryRepository(orm.em),
      new ProjectsService(new ProjectRepository(orm.em)),
    );
  });

  afterAll(async () => {
    await orm?.close(true);
    await environment?.dispose();
  });

  const names = async (at?: number | string) =>
    (await query.schemaAt('p', at === undefined ? undefined : String(at))).tables.map(
      (table) => table.name,
    );

  it('answers the current schema as any other point: the head sequence, from the latest snapshot', async () => {
    expect(await names()).toEqual(['c', 'd', 'from_snapshot']);
    expect(await names(4)).toEqual(['c', 'd', 'from_snapshot']);
    expect((await query.schemaAt('p')).sequence).toBe(4);
  });

  it('starts from the nearest snapshot at or before the point', async () => {
    expect(await names(2)).toEqual(['from_snapshot']);
  });

  it('folds the events after the snapshot up to the point, and no further', async () => {
    const schema = await query.schemaAt('p', '3');

    expect(schema.sequence).toBe(3);
    expect(schema.tables.map((table) => table.name)).toEqual(['c', 'from_snapshot']);
  });

  it('folds from the beginning before the first snapshot', async () => {
    expect(await names(1)).toEqual(['a']);
    expect(await names(0)).toEqual([]);
  });

  it('answers a migration and a time point as the domain defines them', async () => {
    expect(await names('migration:db/1')).toEqual(['c', 'd', 'from_snapshot']);
    expect((await query.schemaAt('p', '2020-01-01')).tables).toEqual([]);
    await expect(query.schemaAt('p', 'migration:nope')).rejects.toThrow('no migration named nope');
  });

  it('says which project does not exist', async () => {
    await expect(query.schemaAt('missing')).rejects.toThrow('project missing does not exist');
  });
});
