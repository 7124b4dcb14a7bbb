import { z } from 'zod';
import { CONTRACT_VERSION } from '../version';
import { EVENT_KINDS, EventPayloads, type EventKind } from './event-payloads';

/** `api`: changes written through the original REST API (POST /models/, /events/), as documents. */
export const Framework = z.enum(['django', 'alembic', 'sql', 'rails', 'prisma', 'api']);
export type Framework = z.infer<typeof Framework>;

export const GitFacts = z.object({
  commit: z.string().min(7),
  authorName: z.string(),
  authorEmail: z.string(),
  committedAt: z.iso.datetime({ offset: true }),
  message: z.string(),
});
export type GitFacts = z.infer<typeof GitFacts>;

/** The migration that caused an event: its identity, position in apply order and git facts. */
export const MigrationIdentity = z.object({
  /** `unknown` only on lifecycle events of files no adapter recognises. */
  framework: z.union([Framework, z.literal('unknown')]),
  /** Django app, Alembic branch, migration folder, ... */
  app: z.string(),
  name: z.string().min(1),
  path: z.string().min(1),
  checksum: z.string().min(1),
  /** Position in the framework's own apply order within the scan that produced the event. */
  order: z.number().int().nonnegative(),
  git: GitFacts.optional(),
});
export type MigrationIdentity = z.infer<typeof MigrationIdentity>;

export const OccurredAtSource = z.enum(['git', 'filename', 'scan']);

const envelope = {
  /** Deterministic: project + migration identity + opIndex + subIndex (see `eventId`). */
  id: z.uuid(),
  contractVersion: z.literal(CONTRACT_VERSION),
  project: z.string().min(1),
  scanId: z.string().min(1),
  /**
   * How many events the parser emitted for this scan, all of which carry the same count: lets
   * the read side tell when a scan is fully projected. Not a schema fact.
   */
  scanEventCount: z.number().int().positive(),
  migration: MigrationIdentity,
  opIndex: z.number().int().nonnegative(),
  subIndex: z.number().int().nonnegative(),
  occurredAt: z.iso.datetime({ offset: true }),
  occurredAtSource: OccurredAtSource,
  source: z.object({ adapter: z.string().min(1), version: z.string().min(1) }),
};

function variant<K extends EventKind>(kind: K) {
  return z.object({ ...envelope, kind: z.literal(kind), payload: EventPayloads[kind] });
}

type Variants = { [K in EventKind]: ReturnType<typeof variant<K>> };
const variants = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, variant(kind)])) as Variants;

/** A canonical schema event as it travels on `schema-events` (immutable facts only; risk is stored apart). */
export const SchemaEvent = z.discriminatedUnion(
  'kind',
  Object.values(variants) as unknown as [Variants[EventKind], ...Variants[EventKind][]],
);
export type SchemaEvent = z.infer<typeof SchemaEvent>;
export type SchemaEventOf<K extends EventKind> = Extract<SchemaEvent, { kind: K }>;

/** The facts an adapter decides; the envelope around them is added by `buildEvent`. */
export type EventDraft = {
  [K in EventKind]: {
    kind: K;
    payload: z.input<(typeof EventPayloads)[K]>;
    opIndex: number;
    subIndex: number;
  };
}[EventKind];
