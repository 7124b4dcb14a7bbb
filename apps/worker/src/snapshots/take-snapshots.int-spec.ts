import { MikroORM } from '@mikro-orm/postgresql';
import type { SchemaEvent } from '@schematrace/contracts';
import { EMPTY_SCHEMA, fold } from '@schematrace/domain';
import { migrateDatabase, ormOptions, SchemaSnapshotRepository } from '@schematrace/persistence';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../../test/support/isolated-environment';
import { tableCreated } from '../../../../test/support/sql-migration-events';
import { TakeSnapshotsService } from './take-snapshots.service';

const created = (name: string, opIndex: number): SchemaEvent => tableCreated('p', name, opIndex);

describe('snapshots folded from the stored history', () => {
  let environment: IsolatedEnvironment;
  let orm: MikroORM;
  let snapshots: TakeSnapshotsService;
  const execute = (sql: string, values: unknown[] = []) =>
    orm.em.getConnection().execute(sql, values);

  /** Given the projector has recorded these tables' creation, one event each, up to its head. */
  async function recorded(names: readonly string[], from: number): Promise<void> {
    for (const [index, name] of names.entries()) {
      const event = created(name, from + index);
      await execute(
        `insert into schema_events (id, project, sequence, kind, scan_id, migration_path, migration_name, occurred_at, event)
         values (?, 'p', ?, ?, 's', 'db/1.sql', '1', now(), ?)`,
        [event.id, from + index + 1, event.kind, JSON.stringify(event)],
      );
    }
    await execute(
      `insert into project_heads (project, last_sequence, revision) values ('p', ?, gen_random_uuid())
       on conflict (project) do update set last_sequence = excluded.last_sequence`,
      [from + names.length],
    );
  }

  const stored = async () =>
    (
      (await execute(
        `select sequence::int, state from schema_snapshots where project = 'p' order by sequence`,
      )) as { sequence: number; state: { tables: Record<string, unknown> } }[]
    ).map((row) => ({ sequence: row.sequence, tables: Object.keys(row.state.tables).sort() }));

  beforeAll(async () => {
    environment = await isolatedEnvironment('snapshots');
    orm = await MikroORM.init(ormOptions(environment.databaseUrl));
    await migrateDatabase(orm);
    snapshots = new TakeSnapshotsService(new SchemaSnapshotRepository(orm.em));
  });

  afterAll(async () => {
    await orm?.close(true);
    await environment?.dispose();
  });

  it('has nothing to store for a project without events', async () => {
    expect(await snapshots.takeAtHead('p')).toBeUndefined();
  });

  it('stores the schema at the head, folded from the events', async () => {
    await recorded(['a', 'b'], 0);

    expect(await snapshots.takeAtHead('p')).toBe(2);

    const [first] = (await execute(
      `select state from schema_snapshots where project = 'p' and sequence = 2`,
    )) as { state: unknown }[];
    expect(first!.state).toEqual(
      JSON.parse(
        JSON.stringify(
          fold(
            [
              { sequence: 1, event: created('a', 0) },
              { sequence: 2, event: created('b', 1) },
            ],
            EMPTY_SCHEMA,
          ),
        ),
      ),
    );
  });

  it('stores a head only once', async () => {
    expect(await snapshots.takeAtHead('p')).toBeUndefined();
    expect(await stored()).toEqual([{ sequence: 2, tables: ['a', 'b'] }]);
  });

  it('folds the next snapshot onto the one before, not from the first event', async () => {
    // A mark that the events alone could not produce, to see where the fold starts.
    await execute(`update schema_snapshots set state = ? where project = 'p' and sequence = 2`, [
      JSON.stringify(fold([created('marked', 0)], EMPTY_SCHEMA)),
    ]);
    await recorded(['c'], 2);

    expect(await snapshots.takeAtHead('p')).toBe(3);

    expect(await stored()).toEqual([
      { sequence: 2, tables: ['marked'] },
      { sequence: 3, tables: ['c', 'marked'] },
    ]);
  });

  it('sweeps only projects past a boundary since their latest snapshot', async () => {
    expect(await snapshots.sweep('p')).toBe(0);
  });
});
