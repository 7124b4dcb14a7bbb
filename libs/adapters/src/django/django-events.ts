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

export type Transaction = Pick<
  StatementContext,
  'inTransaction' | 'transactionSource' | 'transactionGroup'
>;

/**
 * What a migration's operations tell about the whole migration: whether Django can reverse it and
 * how many transactions of its own it opens besides the migration's.
 */
class MigrationFacts {
  /** false once a step cannot be reversed; undefined once a step is not understood. */
  reversible: boolean | undefined = true;
  /** Transactions numbered in a non-atomic migration (RunPython(atomic=True), SQL's BEGIN). */
  nextGroup = 0;
}

/** Collects the drafts of one migration, numbering operations and their events. */
export class MigrationEvents {
  readonly drafts: EventDraft[] = [];
  private readonly facts = new MigrationFacts();

  constructor(
    readonly transaction: Transaction,
    private readonly sqlParser: SqlParser,
  ) {}

  /** The events of operation `opIndex` (its position in `operations`), starting at subIndex 0. */
  operation(opIndex: number, line: number): OperationEvents {
    return new OperationEvents(
      this.drafts,
      this.sqlParser,
      opIndex,
      line,
      this.transaction,
      this.facts,
    );
  }

  /**
   * Django refuses to unapply the migration when one of its steps cannot be reversed (RunPython
   * without reverse_code, RunSQL without reverse_sql); undefined when a step was not understood.
   */
  get reversible(): boolean | undefined {
    return this.facts.reversible;
  }
}

export class OperationEvents {
  constructor(
    private readonly drafts: EventDraft[],
    private readonly sqlParser: SqlParser,
    readonly opIndex: number,
    private line: number,
    private transaction: Transaction,
    private readonly facts: MigrationFacts,
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
   * A transaction of its own for this operation in a non-atomic migration (RunPython with
   * `atomic=True`), numbered apart from the migration's other transactions.
   */
  ownTransaction(line: number): this {
    return this.at(line, {
      inTransaction: true,
      transactionSource: 'explicit',
      transactionGroup: this.facts.nextGroup++,
    });
  }

  /** A step Django cannot reverse (state-only sinks change nothing in the database). */
  irreversible(): void {
    if (!this.silent) this.facts.reversible = false;
  }

  /** A step whose reversibility is not known (an operation the adapter does not read). */
  unknownReversibility(): void {
    if (!this.silent && this.facts.reversible === true) this.facts.reversible = undefined;
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
      this.facts,
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
   * In a non-atomic migration the transactions the SQL opens itself (BEGIN ... COMMIT) are
   * numbered with the migration's others; `data` facts (RunSQL's reversibility) go onto its data
   * changes.
   */
  sql(text: string, firstLine: number, data: { reversible?: boolean } = {}): void {
    if (this.silent) return;
    const groups = new Map<number, number>();
    for (const event of embeddedSqlEvents(this.sqlParser, text, {
      transaction: this.transaction,
      firstLine,
    })) {
      const payload: { context?: StatementContext } & object = { ...event.payload };
      const group = payload.context?.transactionGroup;
      if (payload.context && group !== undefined && !this.transaction.inTransaction) {
        if (!groups.has(group)) groups.set(group, this.facts.nextGroup++);
        payload.context = { ...payload.context, transactionGroup: groups.get(group)! };
      }
      this.push({
        kind: event.kind,
        payload: event.kind === 'data.migrated' ? { ...payload, ...data } : payload,
      });
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
