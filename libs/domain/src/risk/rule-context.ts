import type {
  MigrationIdentity,
  RiskPolicy,
  SchemaEvent,
  SchemaEventOf,
} from '@schematrace/contracts';
import type { SchemaState } from '../schema/schema-state';
import { objectKey } from '../schema/schema-state';
import type { ResolvedTarget } from './target-version';

/** What is known about the migration being assessed, up to the event at hand. */
export interface MigrationContext {
  readonly identity: MigrationIdentity;
  /** `app/name`: how findings name their migration. */
  readonly key: string;
  /** The migration's `migration.added` facts, when the history has them. */
  readonly added?: SchemaEventOf<'migration.added'>['payload'];
  /** Earlier events of this migration, in order (the current one excluded). */
  readonly events: readonly SchemaEvent[];
  /** Tables created by this migration: changing a table nobody uses yet is safe. */
  readonly newTables: ReadonlySet<string>;
  /** `table.column` of columns added by this migration. */
  readonly newColumns: ReadonlySet<string>;
  /** Session settings made so far (`lock_timeout` → `5s`; null after RESET). */
  readonly settings: ReadonlyMap<string, string | null>;
  /** An explicit BEGIN is open. */
  readonly openTransaction: boolean;
}

export interface RuleContext {
  /** The schema just before the event. */
  readonly before: SchemaState;
  readonly migration: MigrationContext;
  readonly policy: RiskPolicy;
  readonly target: ResolvedTarget;
}

/** Builds a migration's context event by event, as the engine walks the history. */
export class MigrationTracker implements MigrationContext {
  readonly key: string;
  added?: SchemaEventOf<'migration.added'>['payload'];
  readonly events: SchemaEvent[] = [];
  readonly newTables = new Set<string>();
  readonly newColumns = new Set<string>();
  readonly settings = new Map<string, string | null>();
  openTransaction = false;

  constructor(readonly identity: MigrationIdentity) {
    this.key = `${identity.app}/${identity.name}`;
  }

  /** Records an event after the rules have seen it. */
  observe(event: SchemaEvent): void {
    switch (event.kind) {
      case 'migration.added':
        this.added = event.payload;
        return;
      case 'table.created': {
        this.newTables.add(objectKey(event.payload.table));
        break;
      }
      case 'table.renamed': {
        const { table, newName } = event.payload;
        if (this.newTables.has(objectKey(table)))
          this.newTables.add(objectKey({ ...table, name: newName }));
        break;
      }
      case 'column.added':
        this.newColumns.add(columnKey(event.payload.table, event.payload.column.name));
        break;
      case 'column.renamed': {
        const { table, column, newName } = event.payload;
        if (this.newColumns.has(columnKey(table, column)))
          this.newColumns.add(columnKey(table, newName));
        break;
      }
      case 'session.setting_changed':
        // RESET ALL puts every setting back to its default.
        if (event.payload.name.toLowerCase() === 'all' && event.payload.value === null)
          this.settings.clear();
        else this.settings.set(event.payload.name.toLowerCase(), event.payload.value);
        break;
      case 'transaction.controlled':
        if (event.payload.action === 'begin') this.openTransaction = true;
        if (event.payload.action === 'commit' || event.payload.action === 'rollback')
          this.openTransaction = false;
        break;
      default:
        break;
    }
    this.events.push(event);
  }
}

export function columnKey(table: { schema?: string; name: string }, column: string): string {
  return `${objectKey(table)}.${column}`;
}
