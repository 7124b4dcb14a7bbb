import { createHash } from 'node:crypto';

/**
 * A name-based UUID (version 5 layout over SHA-256) of the event's identity, so re-scanning the
 * same files yields the same ids and the projector can drop duplicates by id.
 */
export function eventId(parts: {
  project: string;
  framework: string;
  migrationKey: string;
  opIndex: number;
  subIndex: number;
}): string {
  const name = [
    parts.project,
    parts.framework,
    parts.migrationKey,
    parts.opIndex,
    parts.subIndex,
  ].join('\u0000');
  const bytes = createHash('sha256').update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
