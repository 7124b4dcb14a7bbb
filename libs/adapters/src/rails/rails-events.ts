import type { EventDraft, EventKind, StatementContext } from '@schematrace/contracts';
import type { EmbeddedSqlEvent } from '../sql/sql-embedded';

type DraftOf<K extends EventKind> = Extract<EventDraft, { kind: K }>;
export type DraftPayload<K extends EventKind> = DraftOf<K>['payload'];

/** Kinds whose payload says where the statement ran (everything but the migration lifecycle). */
export type StatementKind = {
  [K in EventKind]: 'context' extends keyof DraftPayload<K> ? K : never;
}[EventKind];

export type ColumnInput = DraftPayload<'column.added'>['column'];
export type IndexInput = DraftPayload<'index.created'>['index'];
export type ConstraintInput = DraftPayload<'constraint.added'>['constraint'];
export type DefaultInput = DraftPayload<'column.default_changed'>['default'];
export type Transaction = Pick<StatementContext, 'inTransaction' | 'transactionSource'>;

/**
 * Collects the drafts of one migration. Each statement of the migration that yields events is
 * one operation (`opIndex`, numbered in the order they run); its events count `subIndex` from 0.
 */
export class MigrationEvents {
  readonly drafts: EventDraft[] = [];
  private operations = 0;

  constructor(readonly transaction: Transaction) {}

  /** The sink of one statement; it takes an `opIndex` only once it emits something. */
  operation(line: number, transaction: Transaction = this.transaction): StatementEvents {
    let opIndex: number | undefined;
    let subIndex = 0;
    const push = (draft: { kind: EventKind; payload: object }) => {
      opIndex ??= this.operations++;
      this.drafts.push({ ...draft, opIndex, subIndex: subIndex++ } as EventDraft);
    };
    return new StatementEvents(push, line, transaction);
  }
}

/** The events of one statement. `at(line)` gives the same sink for a nested call's line. */
export class StatementEvents {
  constructor(
    private readonly push: (draft: { kind: EventKind; payload: object }) => void,
    readonly line: number,
    readonly transaction: Transaction,
  ) {}

  at(line: number): StatementEvents {
    return line === this.line ? this : new StatementEvents(this.push, line, this.transaction);
  }

  emit<K extends StatementKind>(kind: K, payload: Omit<DraftPayload<K>, 'context'>): void {
    const context: StatementContext = { ...this.transaction, line: this.line };
    this.push({ kind, payload: { ...payload, context } });
  }

  unparsed(reason: string, line: number = this.line): void {
    this.push({ kind: 'migration.unparsed', payload: { reason, line } });
  }

  /** Events the SQL adapter read from SQL this statement runs, on this statement's line. */
  sql(events: readonly EmbeddedSqlEvent[]): void {
    for (const event of events) {
      // The transaction as the SQL states it (BEGIN … COMMIT in the text), else the migration's.
      const read = event.payload.context;
      const context: StatementContext = {
        inTransaction: read?.inTransaction ?? this.transaction.inTransaction,
        transactionSource: read?.transactionSource ?? this.transaction.transactionSource,
        line: this.line,
      };
      this.push({ kind: event.kind, payload: { ...event.payload, context } });
    }
  }
}
