import { fold, type NumberedEvent } from '../schema/evolve';
import { EMPTY_SCHEMA, type SchemaState } from '../schema/schema-state';
import { HistoryPointError, type HistoryPoint } from './history-point';

/** The events of a point: a prefix of the history, plus later events that still belong. */
export interface PointSelection {
  /** Every event with a sequence up to this one is in. */
  readonly prefixEnd: number;
  /** Events after the prefix that are in too (a time point can skip a late-committed one). */
  readonly after: readonly NumberedEvent[];
  /** The last sequence number selected (0 when none). */
  readonly lastSequence: number;
}

/**
 * A project's history, ready for time travel: events in sequence order and the stored
 * snapshots. The schema at any point folds from the nearest snapshot at or before the point,
 * so its cost depends on the snapshot interval, not on the length of the history.
 */
export class SchemaHistory {
  private readonly snapshots: readonly SchemaState[];

  constructor(
    readonly events: readonly NumberedEvent[],
    snapshots: readonly SchemaState[] = [],
  ) {
    this.snapshots = [...snapshots].sort((a, b) => a.position - b.position);
  }

  get lastSequence(): number {
    return this.events.at(-1)?.sequence ?? 0;
  }

  schemaAt(point: HistoryPoint): SchemaState {
    return this.schemaFor(this.select(point));
  }

  schemaFor(selection: PointSelection): SchemaState {
    const snapshot = this.snapshotAtOrBefore(selection.prefixEnd);
    const from = snapshot ?? EMPTY_SCHEMA;
    const start = this.indexAfter(from.position);
    const end = this.indexAfter(selection.prefixEnd);
    const state = fold(this.events.slice(start, end), from);
    return selection.after.length === 0 ? state : fold(selection.after, state);
  }

  /** Which events a point takes in; throws HistoryPointError when the point names nothing. */
  select(point: HistoryPoint): PointSelection {
    switch (point.kind) {
      case 'sequence': {
        const prefixEnd = Math.min(point.sequence, this.lastSequence);
        return { prefixEnd, after: [], lastSequence: this.sequenceAtOrBefore(prefixEnd) };
      }
      case 'migration': {
        const last = this.lastEventOfMigration(point.migration);
        return { prefixEnd: last, after: [], lastSequence: last };
      }
      case 'time':
        return this.selectUntil(Date.parse(point.at));
      case 'commit':
        return this.selectUntil(Date.parse(this.commitTime(point.commit)));
    }
  }

  private selectUntil(time: number): PointSelection {
    const inCodeBase = (item: NumberedEvent) => Date.parse(item.event.occurredAt) <= time;
    const firstOut = this.events.findIndex((item) => !inCodeBase(item));
    if (firstOut < 0)
      return { prefixEnd: this.lastSequence, after: [], lastSequence: this.lastSequence };
    const prefixEnd = firstOut === 0 ? 0 : this.events[firstOut - 1]!.sequence;
    const after = this.events.slice(firstOut + 1).filter(inCodeBase);
    return { prefixEnd, after, lastSequence: after.at(-1)?.sequence ?? prefixEnd };
  }

  private lastEventOfMigration(name: string): number {
    const matches = new Map<string, number>();
    for (const { event, sequence } of this.events) {
      const { app, name: migrationName, path } = event.migration;
      if (name === `${app}/${migrationName}` || name === migrationName || name === path)
        matches.set(`${app}/${migrationName}`, sequence);
    }
    return theMigration(name, matches);
  }

  private commitTime(commit: string): string {
    const prefix = commit.toLowerCase();
    const found = new Map<string, string>();
    for (const { event } of this.events) {
      const git = event.migration.git;
      if (git && git.commit.toLowerCase().startsWith(prefix))
        found.set(git.commit, git.committedAt);
    }
    return theCommitTime(commit, found);
  }

  /** Index of the first event with a sequence above `sequence`. */
  private indexAfter(sequence: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.sequence <= sequence) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private sequenceAtOrBefore(sequence: number): number {
    const index = this.indexAfter(sequence);
    return index === 0 ? 0 : this.events[index - 1]!.sequence;
  }

  private snapshotAtOrBefore(sequence: number): SchemaState | undefined {
    let low = 0;
    let high = this.snapshots.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.snapshots[middle]!.position <= sequence) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? undefined : this.snapshots[low - 1];
  }
}

/**
 * The last sequence of the one migration a name matched (`app/name` → last sequence), however
 * the matches were found (in memory here, in SQL by the gateway); a name that matches none or
 * several is refused with the reason.
 */
export function theMigration(name: string, matches: ReadonlyMap<string, number>): number {
  if (matches.size === 0) throw new HistoryPointError(`no migration named ${name}`);
  if (matches.size > 1)
    throw new HistoryPointError(
      `${name} names ${matches.size} migrations: ${[...matches.keys()].join(', ')}; use app/name`,
    );
  return [...matches.values()][0]!;
}

/** The commit time of the one commit a prefix matched (commit → committedAt), as above. */
export function theCommitTime(commit: string, matches: ReadonlyMap<string, string>): string {
  if (matches.size === 0)
    throw new HistoryPointError(`commit ${commit} added no migration; name it by its date instead`);
  if (matches.size > 1)
    throw new HistoryPointError(`commit ${commit} is ambiguous: ${[...matches.keys()].join(', ')}`);
  return [...matches.values()][0]!;
}
