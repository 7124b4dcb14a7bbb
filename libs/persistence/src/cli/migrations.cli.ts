/* The operator's database command: `npm run db:migrate`, `npm run db:migration:create`. */
import path from 'node:path';
import { loadServiceConfig } from '@schematrace/config';
import { preflight } from '@schematrace/platform';
import { migrateDatabase, withOrm } from '../migrate';
import { postgresProbe } from '../postgres.probe';

async function main(command: string | undefined): Promise<void> {
  const config = loadServiceConfig('projector');
  await preflight(config, [postgresProbe]);
  // New migrations are written next to the sources (not into dist), to be reviewed and committed.
  const sources = path.resolve(__dirname, '../../../../../libs/persistence/src/migrations');
  await withOrm(
    config.database.url,
    async (orm) => {
      switch (command) {
        case 'up': {
          const applied = await migrateDatabase(orm);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
          return;
        }
        case 'pending': {
          const pending = await orm.getMigrator().getPendingMigrations();
          console.log(
            pending.length ? pending.map((migration) => migration.name).join('\n') : 'none pending',
          );
          return;
        }
        case 'create': {
          const result = await orm.getMigrator().createMigration();
          console.log(
            result.fileName
              ? `created ${path.join(sources, result.fileName)}`
              : 'no changes to migrate',
          );
          return;
        }
        case 'check': {
          const needed = await orm.getMigrator().checkMigrationNeeded();
          if (needed) {
            console.error(
              'the entities and the committed migrations differ: run npm run db:migration:create',
            );
            process.exitCode = 1;
          } else console.log('migrations match the entities');
          return;
        }
        default:
          console.error('usage: migrations (up | pending | create | check)');
          process.exitCode = 2;
      }
    },
    command === 'create' ? sources : undefined,
  );
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(
    `schematrace-migrations: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
