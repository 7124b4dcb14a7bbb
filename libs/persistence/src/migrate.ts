import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from './mikro-orm.options';

/** Any fixed number shared by every process that migrates this database. */
const MIGRATION_LOCK = 7_301_977;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so services starting together
 * (each with DATABASE_MIGRATE=true) migrate once, one after the other.
 */
export async function migrateDatabase(orm: MikroORM): Promise<string[]> {
  const connection = orm.em.getConnection();
  const knex = connection.getKnex();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    const applied = await orm.getMigrator().up();
    return applied.map((migration) => migration.name);
  });
}

export async function withOrm<T>(
  databaseUrl: string,
  work: (orm: MikroORM) => Promise<T>,
  migrationsDir?: string,
): Promise<T> {
  const orm = await MikroORM.init(ormOptions(databaseUrl, migrationsDir));
  try {
    return await work(orm);
  } finally {
    await orm.close(true);
  }
}
