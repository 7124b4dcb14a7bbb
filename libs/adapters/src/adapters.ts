import { createAlembicAdapter } from './alembic';
import { createDjangoAdapter, type DjangoAdapterOptions } from './django/django.adapter';
import type { MigrationAdapter } from './migration-adapter';
import { createRailsAdapter } from './rails';
import { createPrismaAdapter, createSqlAdapter } from './sql';

export interface AdapterOptions {
  readonly django?: DjangoAdapterOptions;
}

/** Every adapter of this library, ready to use (grammars loaded). */
export async function createAdapters(options: AdapterOptions = {}): Promise<MigrationAdapter[]> {
  // Detection does not overlap between formats, so the order only decides the parse order.
  return Promise.all([
    createDjangoAdapter(options.django),
    createAlembicAdapter(),
    createSqlAdapter(),
    createPrismaAdapter(),
    createRailsAdapter(),
  ]);
}
