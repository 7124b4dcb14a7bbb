import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import {
  Global,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnModuleInit,
  Inject,
} from '@nestjs/common';
import type { ServiceConfig } from '@schematrace/config';
import { HealthRegistry, SERVICE_CONFIG } from '@schematrace/platform';
import { migrateDatabase } from './migrate';
import { ormOptions } from './mikro-orm.options';
import { ProjectPolicyRepository } from './risk/project-policy.repository';
import { RiskFindingRepository } from './risk/risk-finding.repository';
import { SchemaSnapshotRepository } from './snapshots/schema-snapshot.repository';

const REPOSITORIES = [ProjectPolicyRepository, RiskFindingRepository, SchemaSnapshotRepository];

/** Applies pending migrations at start (when configured) and reports the database on /health. */
@Injectable()
export class DatabaseLifecycle implements OnModuleInit {
  private readonly log = new Logger(DatabaseLifecycle.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly health: HealthRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.database.migrate) {
      const applied = await migrateDatabase(this.orm);
      if (applied.length > 0) this.log.log(`applied migrations ${applied.join(', ')}`);
    }
    this.health.register('postgres', async () => {
      await this.orm.em.getConnection().execute('select 1');
      return { ok: true };
    });
  }
}

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [SERVICE_CONFIG],
          useFactory: (config: ServiceConfig) => ({
            ...ormOptions(config.database.url),
            registerRequestContext: false,
          }),
          // Registers the PostgreSQL-specific MikroORM and EntityManager for injection.
          driver: PostgreSqlDriver,
        }),
      ],
      providers: [DatabaseLifecycle, ...REPOSITORIES],
      exports: REPOSITORIES,
    };
  }
}
