import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../../test/support/isolated-environment';
import { migrateDatabase, withOrm } from './migrate';

describe('committed database migrations', () => {
  let environment: IsolatedEnvironment;

  beforeAll(async () => {
    environment = await isolatedEnvironment('migrations');
  });

  afterAll(async () => environment?.dispose());

  it('apply to an empty database and match the entities exactly (no drift)', async () => {
    await withOrm(environment.databaseUrl, async (orm) => {
      const applied = await migrateDatabase(orm);

      expect(applied.length).toBeGreaterThan(0);
      expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
    });
  });

  it('are applied once when services start together', async () => {
    const runs = await Promise.all(
      [1, 2, 3].map(() => withOrm(environment.databaseUrl, (orm) => migrateDatabase(orm))),
    );

    expect(runs.flat()).toEqual([]);
  });
});
