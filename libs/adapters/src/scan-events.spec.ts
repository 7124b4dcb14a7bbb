import {
  CONTRACT_VERSION,
  type LedgerMigration,
  type MigrationsMessage,
} from '@schematrace/contracts';
import type { MigrationAdapter, MigrationSource } from './migration-adapter';
import { eventsForScan } from './scan-events';

/** A stand-in format: `.fake` files, one `table.created` per line, applied in path order. */
const fakeAdapter: MigrationAdapter = {
  framework: 'sql',
  name: 'fake',
  version: '0.0.1',
  detect: (source) => source.path.endsWith('.fake'),
  parseProject: (sources: readonly MigrationSource[]) => ({
    framework: 'sql',
    migrations: [...sources]
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((source) => ({
        source,
        framework: 'sql' as const,
        app: 'db',
        name: source.path.replace('.fake', ''),
        events: source.content
          .split('\n')
          .filter(Boolean)
          .map((table, opIndex) => ({
            kind: 'table.created' as const,
            opIndex,
            subIndex: 0,
            payload: { table: { name: table } },
          })),
      })),
  }),
};

const scan = (migrations: LedgerMigration[], scanId = 'scan-1'): MigrationsMessage => ({
  contractVersion: CONTRACT_VERSION,
  scanId,
  project: 'shop',
  scannedAt: '2026-01-02T03:04:05.000Z',
  migrations,
});

const file = (
  path: string,
  content: string,
  change: LedgerMigration['change'],
): LedgerMigration => ({
  path,
  content,
  checksum: `sum-${content.length}-${path}`,
  change,
});

describe('eventsForScan', () => {
  it('emits the events of new migrations in apply order, with context from unchanged ones', () => {
    const events = eventsForScan(
      scan([file('2.fake', 'orders', 'new'), file('1.fake', 'users', 'unchanged')]),
      [fakeAdapter],
    );

    expect(
      events.map((event) => [event.kind, event.migration.name, event.migration.order]),
    ).toEqual([
      ['migration.added', '2', 1],
      ['table.created', '2', 1],
    ]);
    expect(events[0]!.payload).toEqual({ events: 1 });
    expect(events[1]).toMatchObject({
      project: 'shop',
      scanId: 'scan-1',
      scanEventCount: 2,
      occurredAtSource: 'scan',
      source: { adapter: 'fake', version: '0.0.1' },
    });
  });

  it('gives the same ids to the same migration in another scan', () => {
    const first = eventsForScan(scan([file('1.fake', 'users\nposts', 'new')], 'a'), [fakeAdapter]);
    const again = eventsForScan(scan([file('1.fake', 'users\nposts', 'new')], 'b'), [fakeAdapter]);

    expect(again.map((event) => event.id)).toEqual(first.map((event) => event.id));
    expect(new Set(first.map((event) => event.id)).size).toBe(3);
  });

  it('reports an edited migration as drift, not as new schema changes', () => {
    const events = eventsForScan(
      scan([{ ...file('1.fake', 'users\nextra', 'modified'), previousChecksum: 'old' }]),
      [fakeAdapter],
    );

    expect(events).toEqual([
      expect.objectContaining({
        kind: 'migration.modified',
        payload: { previousChecksum: 'old', checksum: 'sum-11-1.fake' },
      }),
    ]);
  });

  it('records a new migration with no schema operations, so the scan still yields an event', () => {
    const events = eventsForScan(scan([file('merge.fake', '', 'new')]), [fakeAdapter]);

    expect(events.map((event) => [event.kind, event.payload])).toEqual([
      ['migration.added', { events: 0 }],
    ]);
  });

  it('records removed files and files no adapter recognises', () => {
    const events = eventsForScan(
      scan([
        { path: 'gone.fake', checksum: 'x', change: 'removed' },
        file('notes/readme.txt', 'hello', 'new'),
      ]),
      [fakeAdapter],
    );

    expect(
      events.map((event) => [event.kind, event.migration.framework, event.migration.path]),
    ).toEqual([
      ['migration.removed', 'unknown', 'gone.fake'],
      ['migration.unparsed', 'unknown', 'notes/readme.txt'],
    ]);
    expect(events[1]!.payload).toEqual({
      reason: 'notes/readme.txt: no adapter recognises this file as a migration',
    });
  });

  it('dates events by their git commit when known', () => {
    const git = {
      commit: 'abcdef1234',
      authorName: 'Ada',
      authorEmail: 'ada@example.com',
      committedAt: '2025-05-06T07:08:09.000Z',
      message: 'add users',
    };
    const [event] = eventsForScan(scan([{ ...file('1.fake', 'users', 'new'), git }]), [
      fakeAdapter,
    ]);

    expect(event).toMatchObject({
      occurredAt: git.committedAt,
      occurredAtSource: 'git',
      migration: { git },
    });
  });
});
