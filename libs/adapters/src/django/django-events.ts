import type { EventDraft, EventKind, StatementContext } from '@schematrace/contracts';
import { embeddedSqlEvents } from '../sql/sql-embedded';
import type { SqlParser } from '../sql/sql-parser';

type DraftOf<K extends EventKind> = Extract<EventDraft, { kind: K }>;
export type DraftPayload<K extends EventKind> = DraftOf<K>['payload'];

/** Kinds whose payload says where the statement ran (everything but the migration lifecycle). */
export type StatementKind = {
  [K in EventKind]: 'context' extends keyof DraftPayload<K> ? K : never;
}[EventKind];

export type IndexInput = DraftPayload<'index.created'>['index'];
export type ConstraintInput = DraftPayload<'constraint.added'>['constraint'];
export type ColumnInput = DraftPayload<'column.added'>['column'];

export type Transaction = Pick<StatementContext, 'inTransaction' | 'transactionSource'>;

/** Collects the drafts of one migration, numbering operations and their events. */
export class MigrationEvents {
  readonly drafts: EventDraft[] = [];

  constructor(
    readonly transaction: Transaction,
    private readonly sqlParser: SqlParser,
  ) {}

  /** The events of operation `opIndex` (its position in `operations`), starting at subIndex 0. */
  operation(opIndex: number, line: number): OperationEvents {
    return new OperationEvents(this.drafts, this.sqlParser, opIndex, line, this.transaction);
  }
}

export class OperationEvents {
  constructor(
    private readonly drafts: EventDraft[],
    private readonly sqlParser: SqlParser,
    readonly opIndex: number,
    private line: number,
    private transaction: Transaction,
    private readonly counter: { next: number } = { next: 0 },
    private readonly silent = false,
  ) {}

  /** Nested operations (SeparateDatabaseAndState) keep the outer opIndex but their own line. */
  at(line: number, transaction: Transaction = this.transaction): this {
    this.line = line;
    this.transaction = transaction;
    return this;
  }

  get currentTransaction(): Transaction {
    return this.transaction;
  }

  /**
   * The same operation's sink for state-only work (`state_operations`): schema events are dropped,
   * problems are still reported.
   */
  silenced(): OperationEvents {
    return new OperationEvents(
      this.drafts,
      this.sqlParser,
      this.opIndex,
      this.line,
      this.transaction,
      this.counter,
      true,
    );
  }

  emit<K extends StatementKind>(kind: K, payload: Omit<DraftPayload<K>, 'context'>): void {
    if (this.silent) return;
    const context: StatementContext = { ...this.transaction, line: this.line };
    this.push({ kind, payload: { ...payload, context } });
  }

  /**
   * SQL this operation runs (RunSQL), read by the SQL adapter: its events in order, each in the
   * migration's transaction and on its line of this file (`firstLine` is where the text starts).
   */
  sql(text: string, firstLine: number): void {
    if (this.silent) return;
    for (const event of embeddedSqlEvents(this.sqlParser, text, {
      transaction: this.transaction,
      firstLine,
    })) {
      this.push(event);
    }
  }

  unparsed(reason: string, line: number = this.line): void {
    this.push({ kind: 'migration.unparsed', payload: { reason, line } });
  }

  private push(draft: { kind: EventKind; payload: object }): void {
    this.drafts.push({
      ...draft,
      opIndex: this.opIndex,
      subIndex: this.counter.next++,
    } as EventDraft);
  }
}
