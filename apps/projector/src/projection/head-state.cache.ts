import { Injectable } from '@nestjs/common';
import type { SchemaState } from '@schematrace/domain';

/** How many projects' schemas one projector keeps; a large schema is a few megabytes. */
export const HEAD_STATES_KEPT = 32;

interface HeldState {
  readonly revision: string;
  readonly state: SchemaState;
}

/**
 * The schema after each project's head, as this projector last wrote it, so a batch folds onto
 * it instead of reading and rewriting it. An entry counts only while the head row still carries
 * the revision written with it: another instance taking the partition over, or a rebuild
 * switching the project, writes a new revision, and the state is restored from storage again.
 * Entries are set only after their transaction commits.
 */
@Injectable()
export class HeadStateCache {
  private readonly held = new Map<string, HeldState>();

  get(scope: string, project: string, revision: string): SchemaState | undefined {
    const key = keyOf(scope, project);
    const entry = this.held.get(key);
    if (!entry) return undefined;
    if (entry.revision !== revision) {
      this.held.delete(key);
      return undefined;
    }
    // Least recently used goes first: re-inserting moves the key to the end of the order.
    this.held.delete(key);
    this.held.set(key, entry);
    return entry.state;
  }

  set(scope: string, project: string, revision: string, state: SchemaState): void {
    const key = keyOf(scope, project);
    this.held.delete(key);
    this.held.set(key, { revision, state });
    for (const oldest of this.held.keys()) {
      if (this.held.size <= HEAD_STATES_KEPT) break;
      this.held.delete(oldest);
    }
  }

  /** Forgets every project of a scope (a rebuild's copy, once it is dropped). */
  forgetScope(scope: string): void {
    for (const key of this.held.keys()) if (key.startsWith(`${scope}\u0000`)) this.held.delete(key);
  }
}

function keyOf(scope: string, project: string): string {
  return `${scope}\u0000${project}`;
}
