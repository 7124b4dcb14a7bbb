export type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from './migration-adapter';
export { createAdapters, type AdapterOptions } from './adapters';
export {
  createDjangoAdapter,
  DJANGO_ADAPTER_NAME,
  DJANGO_ADAPTER_VERSION,
  type DjangoAdapterOptions,
} from './django/django.adapter';
export {
  loadPythonParser,
  type PythonParser,
  type PythonSyntaxError,
} from './python/python-parser';
export { evaluateLiteral, type PythonScope } from './python/python-literal';
export type { PyValue } from './python/python-value';
export * from './sql';
export * from './alembic';
export * from './rails';
export { eventsForScan, PARSER_SOURCE } from './scan-events';
export * from './api';
