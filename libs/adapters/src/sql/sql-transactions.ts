import type { StatementContext } from '@schematrace/contracts';
import type { Transaction } from './sql-events';

export type TransactionAction =
  'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollback-to';

/** How the statement context reads where a statement runs: transaction, source and group. */
export type TransactionPlacement = Pick<
  StatementContext,
  'inTransaction' | 'transactionSource' | 'transactionGroup'
>;

/**
 * Follows the transactions of a migration statement by statement, numbering them 0, 1, ... in
 * the order they start (`transactionGroup`).
 *
 * - While the runner wraps the text (`runner.inTransaction`: Flyway, dbmate, a multi-statement
 *   query's implicit transaction, Alembic's migration transaction) every statement is in the open
 *   transaction; after a COMMIT or ROLLBACK the next statement starts a new one (JDBC and
 *   SQLAlchemy begin again; a multi-statement query starts a new implicit transaction).
 * - `BEGIN` inside an open transaction does not start another one (PostgreSQL warns and goes on,
 *   and statements of a multi-statement query before BEGIN join the explicit block); it makes the
 *   statements up to COMMIT / ROLLBACK `explicit`.
 * - A runner that does not wrap (psql, a single statement): statements outside BEGIN ... COMMIT run
 *   in no transaction and have no group.
 * - `suspend()` / `resume()`: Alembic's autocommit block commits the running transaction, runs
 *   outside any, and begins a new one after.
 */
export class TransactionTracker {
  private group: number | undefined;
  private next = 0;
  private explicit = false;
  private suspended = false;
  private everSuspended = false;

  constructor(private readonly runner: Transaction) {}

  /** Where a statement that is not transaction control runs (opening a transaction if due). */
  statement(runner: Transaction = this.runner): TransactionPlacement {
    if (this.explicit) {
      return { inTransaction: true, transactionSource: 'explicit', transactionGroup: this.group! };
    }
    if (this.suspended || !runner.inTransaction) return { ...runner };
    this.group ??= this.next++;
    return { ...runner, transactionGroup: this.group };
  }

  /** A BEGIN / COMMIT / ... statement: where it runs, and the state after it. */
  control(action: TransactionAction, runner: Transaction = this.runner): TransactionPlacement {
    switch (action) {
      case 'begin': {
        if (this.group === undefined || this.suspended) this.group = this.next++;
        this.suspended = false;
        this.explicit = true;
        return this.statement(runner);
      }
      case 'commit':
      case 'rollback': {
        const placement =
          this.explicit || this.group !== undefined ? this.statement(runner) : { ...runner };
        this.group = undefined;
        this.explicit = false;
        return placement;
      }
      default:
        return this.statement(runner);
    }
  }

  /** The running transaction is committed and what follows runs outside any (autocommit). */
  suspend(): void {
    this.group = undefined;
    this.explicit = false;
    this.suspended = true;
    this.everSuspended = true;
  }

  /** After an autocommit block: the next statement begins a new transaction. */
  resume(): void {
    this.suspended = false;
    this.group = undefined;
    this.explicit = false;
  }

  /** The running transaction is committed (`connection.commit()`); the next one starts anew. */
  commit(): void {
    this.group = undefined;
    this.explicit = false;
  }

  /** How many transactions were opened so far. */
  get transactions(): number {
    return this.next;
  }

  /** Did everything so far run in one transaction of the runner (none opened anew, no autocommit)? */
  get single(): boolean {
    return this.runner.inTransaction && this.next <= 1 && !this.everSuspended;
  }
}
