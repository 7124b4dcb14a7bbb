import { createAlembicAdapter } from './alembic';
import { createApiAdapter } from './api';
import { createDjangoAdapter, type DjangoAdapterOptions } from './django/django.adapter';
import type { MigrationAdapter } from './migration-adapter';
import { createRailsAdapter } from './rails';
import { createPrismaAdapter, createSqlAdapter, loadSqlParser } from './sql';

export interface AdapterOptions {
  readonly django?: DjangoAdapterOptions;
}

/** Every adapter of this library, ready to use (grammars loaded). */
export async function createAdapters(options: AdapterOptions = {}): Promise<MigrationAdapter[]> {
  // PostgreSQL's parser is loaded once and shared: Django's RunSQL and Alembic's op.execute hand
  // their SQL to it too.
  const sqlParser = await loadSqlParser();
  // Detection does not overlap between formats, so the order only decides the parse order.
  return Promise.all([
    createDjangoAdapter({ ...options.django, sqlParser: options.django?.sqlParser ?? sqlParser }),
    createAlembicAdapter({ sqlParser }),
    createSqlAdapter(),
    createPrismaAdapter(),
    createRailsAdapter(),
    Promise.resolve(createApiAdapter()),
  ]);
}
