/** Every how many events a project's schema is stored whole, so time travel folds at most that many. */
export const SNAPSHOT_EVERY = 1_000;

/**
 * The sequence numbers to snapshot for a project: each multiple of `every` up to its head that
 * is newer than its latest snapshot. The head's state is stored as it stands, at the head.
 */
export function snapshotDue(
  head: { lastSequence: number },
  latestSnapshot: number | undefined,
  every = SNAPSHOT_EVERY,
) {
  const boundary = Math.floor(head.lastSequence / every) * every;
  return boundary > 0 && boundary > (latestSnapshot ?? 0) ? head.lastSequence : undefined;
}
