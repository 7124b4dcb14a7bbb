import { createDjangoAdapter, type DjangoAdapterOptions } from './django/django.adapter';
import type { MigrationAdapter } from './migration-adapter';

export interface AdapterOptions {
  readonly django?: DjangoAdapterOptions;
}

/** Every adapter of this library, ready to use (grammars loaded). */
export async function createAdapters(options: AdapterOptions = {}): Promise<MigrationAdapter[]> {
  return [await createDjangoAdapter(options.django)];
}
