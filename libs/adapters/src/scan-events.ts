import path from 'node:path';
import {
  CONTRACT_VERSION,
  SchemaEvent,
  eventId,
  type EventDraft,
  type LedgerMigration,
  type MigrationIdentity,
  type MigrationsMessage,
} from '@schematrace/contracts';
import type { MigrationAdapter, MigrationSource, ParsedMigration } from './migration-adapter';

export const PARSER_SOURCE = { adapter: 'parser', version: '1.0.0' } as const;

interface PendingEvent {
  readonly migration: MigrationIdentity;
  readonly idKey: string;
  readonly draft: EventDraft;
  readonly occurredAt: string;
  readonly occurredAtSource: SchemaEvent['occurredAtSource'];
  readonly source: { adapter: string; version: string };
}

/**
 * Turns ingestion's view of a scan into canonical events, in the frameworks' apply order.
 *
 * Every present file is handed to its adapter, so the dependency graph and the model state are
 * complete, but only new migrations contribute their schema events. An edited migration is
 * drift — the framework will not run it again — so it yields `migration.modified`; a deleted one
 * `migration.removed`; a file no adapter recognises `migration.unparsed`.
 */
export function eventsForScan(
  message: MigrationsMessage,
  adapters: readonly MigrationAdapter[],
): SchemaEvent[] {
  const byPath = new Map(message.migrations.map((migration) => [migration.path, migration]));
  const groups = new Map<MigrationAdapter, MigrationSource[]>();
  const unrecognised: LedgerMigration[] = [];

  for (const migration of message.migrations) {
    if (migration.change === 'removed' || migration.content === undefined) continue;
    const source: MigrationSource = {
      path: migration.path,
      content: migration.content,
      checksum: migration.checksum,
      ...(migration.git ? { git: migration.git } : {}),
    };
    const adapter = migration.framework
      ? adapters.find((candidate) => candidate.framework === migration.framework)
      : adapters.find((candidate) => candidate.detect(source));
    if (adapter) groups.set(adapter, [...(groups.get(adapter) ?? []), source]);
    else if (migration.change === 'new') unrecognised.push(migration);
  }

  const pending: PendingEvent[] = [];
  let order = 0;
  const sortedGroups = [...groups].sort(([a], [b]) => a.framework.localeCompare(b.framework));
  for (const [adapter, sources] of sortedGroups) {
    for (const parsed of adapter.parseProject(sources).migrations) {
      const ledger = byPath.get(parsed.source.path);
      const identity = identityOf(parsed, order++);
      const when = occurredAt(parsed, message.scannedAt);
      const source = { adapter: adapter.name, version: adapter.version };
      if (ledger?.change === 'new') {
        const idKey = `${parsed.app}/${parsed.name}`;
        const added: EventDraft = {
          kind: 'migration.added',
          opIndex: 0,
          subIndex: 0,
          payload: {
            events: parsed.events.length,
            ...(parsed.reversible === undefined ? {} : { reversible: parsed.reversible }),
            ...(parsed.transactional === undefined ? {} : { transactional: parsed.transactional }),
          },
        };
        // Its own id space (`@added`): the adapters' events use opIndex 0 too.
        pending.push({
          migration: identity,
          idKey: `${idKey}@added`,
          draft: added,
          ...when,
          source,
        });
        for (const draft of parsed.events) {
          pending.push({ migration: identity, idKey, draft, ...when, source });
        }
      } else if (ledger?.change === 'modified') {
        pending.push({
          migration: identity,
          idKey: `${parsed.app}/${parsed.name}@${parsed.source.checksum}`,
          draft: {
            kind: 'migration.modified',
            opIndex: 0,
            subIndex: 0,
            payload: { previousChecksum: ledger.previousChecksum ?? '', checksum: ledger.checksum },
          },
          occurredAt: message.scannedAt,
          occurredAtSource: 'scan',
          source,
        });
      }
    }
  }

  for (const migration of message.migrations) {
    if (migration.change !== 'removed') continue;
    pending.push(
      lifecycle(message, migration, order++, {
        kind: 'migration.removed',
        payload: { checksum: migration.checksum },
      }),
    );
  }
  for (const migration of unrecognised) {
    pending.push(
      lifecycle(message, migration, order++, {
        kind: 'migration.unparsed',
        payload: { reason: `${migration.path}: no adapter recognises this file as a migration` },
      }),
    );
  }

  return pending.map((event) =>
    SchemaEvent.parse({
      id: eventId({
        project: message.project,
        framework: event.migration.framework,
        migrationKey: event.idKey,
        opIndex: event.draft.opIndex,
        subIndex: event.draft.subIndex,
      }),
      contractVersion: CONTRACT_VERSION,
      project: message.project,
      scanId: message.scanId,
      scanEventCount: pending.length,
      migration: event.migration,
      opIndex: event.draft.opIndex,
      subIndex: event.draft.subIndex,
      occurredAt: event.occurredAt,
      occurredAtSource: event.occurredAtSource,
      source: event.source,
      kind: event.draft.kind,
      payload: event.draft.payload,
    }),
  );
}

function identityOf(parsed: ParsedMigration, order: number): MigrationIdentity {
  return {
    framework: parsed.framework,
    app: parsed.app,
    name: parsed.name,
    path: parsed.source.path,
    checksum: parsed.source.checksum,
    order,
    ...(parsed.source.git ? { git: parsed.source.git } : {}),
  };
}

function occurredAt(parsed: ParsedMigration, scannedAt: string) {
  if (parsed.source.git)
    return { occurredAt: parsed.source.git.committedAt, occurredAtSource: 'git' as const };
  if (parsed.timestampFromName)
    return { occurredAt: parsed.timestampFromName, occurredAtSource: 'filename' as const };
  return { occurredAt: scannedAt, occurredAtSource: 'scan' as const };
}

/** Lifecycle events of files no adapter parsed this time: identity from the path alone. */
function lifecycle(
  message: MigrationsMessage,
  migration: LedgerMigration,
  order: number,
  draft: Omit<
    Extract<EventDraft, { kind: 'migration.removed' | 'migration.unparsed' }>,
    'opIndex' | 'subIndex'
  >,
): PendingEvent {
  const name = path.posix.basename(migration.path).replace(/\.[^.]+$/, '');
  const app = path.posix.dirname(migration.path);
  return {
    migration: {
      framework: migration.framework ?? 'unknown',
      app,
      name,
      path: migration.path,
      checksum: migration.checksum,
      order,
      ...(migration.git ? { git: migration.git } : {}),
    },
    idKey: `${migration.path}@${draft.kind}:${migration.checksum}`,
    draft: { ...draft, opIndex: 0, subIndex: 0 } as EventDraft,
    occurredAt: migration.git?.committedAt ?? message.scannedAt,
    occurredAtSource: migration.git ? 'git' : 'scan',
    source: PARSER_SOURCE,
  };
}
