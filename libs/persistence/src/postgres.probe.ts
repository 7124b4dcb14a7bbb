import { Client } from 'pg';
import { redactUrl } from '@schematrace/config';
import type { DependencyProbe } from '@schematrace/platform';

/**
 * The database answers (preflight, before a service starts). A local install starts with an
 * empty server: when the service may migrate, the database is created once.
 */
export const postgresProbe: DependencyProbe = {
  dependency: 'PostgreSQL',
  address: (config) => redactUrl(config.database.url),
  hint: 'Start PostgreSQL, or set DATABASE_URL to a reachable database.',
  async check(config) {
    try {
      await query(config.database.url, 'select 1');
    } catch (error) {
      if ((error as { code?: string }).code === '3D000' && config.database.migrate)
        return createDatabase(config.database.url);
      throw error;
    }
  },
};

async function createDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const server = new URL(url);
  server.pathname = '/postgres';
  try {
    await query(server.toString(), `create database "${name.replaceAll('"', '""')}"`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error; // 42P04: created meanwhile
  }
}

async function query(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}
