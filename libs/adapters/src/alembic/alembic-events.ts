import type { EventDraft, EventKind, StatementContext } from '@schematrace/contracts';
import { embeddedSqlEvents } from '../sql/sql-embedded';
import type { SqlParser } from '../sql/sql-parser';
import { TransactionTracker } from '../sql/sql-transactions';

type DraftOf<K extends EventKind> = Extract<EventDraft, { kind: K }>;
export type DraftPayload<K extends EventKind> = DraftOf<K>['payload'];

/** Kinds whose payload says where the statement ran (everything but the migration lifecycle). */
export type StatementKind = {
  [K in EventKind]: 'context' extends keyof DraftPayload<K> ? K : never;
}[EventKind];

export type ColumnInput = DraftPayload<'column.added'>['column'];
export type ColumnDefaultInput = DraftPayload<'column.default_changed'>['default'];
export type IndexInput = DraftPayload<'index.created'>['index'];
export type ConstraintInput = DraftPayload<'constraint.added'>['constraint'];
export type TableInput = DraftPayload<'table.created'>['table'];
export type OnDelete = NonNullable<NonNullable<ConstraintInput['references']>['onDelete']>;

export type Transaction = Pick<StatementContext, 'inTransaction' | 'transactionSource'>;

/** Alembic wraps PostgreSQL migrations in a transaction (transactional DDL). */
export const MIGRATION_TRANSACTION: Transaction = {
  inTransaction: true,
  transactionSource: 'framework-default',
};

/** Inside `with op.get_context().autocommit_block():` statements run outside any transaction. */
export const AUTOCOMMIT: Transaction = { inTransaction: false, transactionSource: 'opt-out' };

/** Collects the drafts of one revision, numbering its operations in the order they run. */
export class RevisionEvents {
  readonly drafts: EventDraft[] = [];
  private nextOpIndex = 0;
  /**
   * The revision's transactions (`transactionGroup`): the migration's own (0); an autocommit
   * block commits it and runs outside any, and a new one begins after the block; a commit of the
   * connection (or a COMMIT in executed SQL) ends one and the next statement begins another.
   */
  readonly transactions = new TransactionTracker(MIGRATION_TRANSACTION);

  /** `sqlParser` reads the SQL text that `op.execute(...)` runs. */
  constructor(private readonly sqlParser: SqlParser) {}

  /** The events of the next operation (a statement of `upgrade()`), starting at subIndex 0. */
  operation(line: number, transaction: Transaction): OperationEvents {
    return new OperationEvents(
      this.drafts,
      this.sqlParser,
      this.transactions,
      this.nextOpIndex++,
      line,
      transaction,
    );
  }

  get operationCount(): number {
    return this.nextOpIndex;
  }
}

export class OperationEvents {
  private nextSubIndex = 0;

  constructor(
    private readonly drafts: EventDraft[],
    private readonly sqlParser: SqlParser,
    private readonly transactions: TransactionTracker,
    readonly opIndex: number,
    readonly line: number,
    readonly transaction: Transaction,
  ) {}

  emit<K extends StatementKind>(kind: K, payload: Omit<DraftPayload<K>, 'context'>): void {
    const context: StatementContext = {
      ...this.transactions.statement(this.transaction),
      line: this.line,
    };
    this.push({ kind, payload: { ...payload, context } });
  }

  /**
   * SQL text this operation runs (`op.execute`), read by the SQL adapter: its events in order, each
   * in this operation's transaction and on its line of this file (`firstLine`: where the text
   * starts).
   */
  sql(text: string, firstLine: number): void {
    for (const event of embeddedSqlEvents(this.sqlParser, text, {
      transaction: this.transaction,
      firstLine,
      transactions: this.transactions,
    })) {
      this.push(event);
    }
  }

  /** Something of this operation that could not be read; the reason starts with `line N:`. */
  unparsed(what: string, line: number = this.line): void {
    this.push({ kind: 'migration.unparsed', payload: { reason: `line ${line}: ${what}`, line } });
  }

  private push(draft: { kind: EventKind; payload: object }): void {
    this.drafts.push({
      ...draft,
      opIndex: this.opIndex,
      subIndex: this.nextSubIndex++,
    } as EventDraft);
  }
}
