/**
 * A point in a project's history, as people name it:
 *
 * - `sequence`: after the event with this sequence number (the projector numbers events 1, 2, …
 *   in apply order);
 * - `migration`: after the last event of this migration (`app/name`, `name` or file path), i.e.
 *   the schema once it and everything ordered before it have run;
 * - `time`: the migrations that were in the code base at that instant (their commit time, else
 *   the time in their file name, else the scan time), applied in the framework's order — so a
 *   migration committed later but ordered earlier is left out;
 * - `commit`: as `time`, at the commit time of that commit (found among the migrations' git
 *   facts; a commit that added no migration is resolved to its time by the caller, who has git).
 */
export type HistoryPoint =
  | { readonly kind: 'sequence'; readonly sequence: number }
  | { readonly kind: 'migration'; readonly migration: string }
  | { readonly kind: 'time'; readonly at: string }
  | { readonly kind: 'commit'; readonly commit: string };

const PREFIXES = ['seq', 'sequence', 'migration', 'time', 'date', 'commit'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;

/**
 * Reads a point from text. Explicit forms: `seq:42`, `migration:shop/0003_price`,
 * `time:2024-05-01`, `commit:1a2b3c4`. Bare forms: a small integer is a sequence number, an ISO
 * date or timestamp a time, 7–40 hex digits with a letter a commit, anything else a migration
 * (Rails versions such as 20240501120000 are too large to be sequence numbers, so they are
 * migrations).
 */
export function parseHistoryPoint(text: string): HistoryPoint {
  const trimmed = text.trim();
  if (trimmed === '') throw new HistoryPointError('a point is empty');
  const colon = trimmed.indexOf(':');
  const prefix = colon > 0 ? trimmed.slice(0, colon).toLowerCase() : '';
  if ((PREFIXES as readonly string[]).includes(prefix)) {
    const value = trimmed.slice(colon + 1).trim();
    switch (prefix) {
      case 'seq':
      case 'sequence':
        return { kind: 'sequence', sequence: sequenceNumber(value) };
      case 'migration':
        return { kind: 'migration', migration: value };
      case 'time':
      case 'date':
        return { kind: 'time', at: isoTime(value) };
      default:
        return { kind: 'commit', commit: value };
    }
  }
  if (/^\d+$/.test(trimmed) && Number(trimmed) < 1_000_000_000)
    return { kind: 'sequence', sequence: Number(trimmed) };
  if (ISO_DATE.test(trimmed)) return { kind: 'time', at: isoTime(trimmed) };
  if (COMMIT.test(trimmed) && /[a-f]/i.test(trimmed)) return { kind: 'commit', commit: trimmed };
  return { kind: 'migration', migration: trimmed };
}

export function describeHistoryPoint(point: HistoryPoint): string {
  switch (point.kind) {
    case 'sequence':
      return `event #${point.sequence}`;
    case 'migration':
      return `migration ${point.migration}`;
    case 'time':
      return point.at;
    case 'commit':
      return `commit ${point.commit}`;
  }
}

export class HistoryPointError extends Error {}

function sequenceNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new HistoryPointError(`"${value}" is not a sequence number`);
  return Number(value);
}

function isoTime(value: string): string {
  // A bare date means the end of that day: everything committed on it is in.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const time = Date.parse(text.replace(' ', 'T'));
  if (Number.isNaN(time)) throw new HistoryPointError(`"${value}" is not a date or time`);
  return new Date(time).toISOString();
}
