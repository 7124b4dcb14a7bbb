import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Knex } from '@mikro-orm/postgresql';
import { ProjectionTransaction } from './projection-transaction';

/** Opens the projector's batch transactions, on the live read models or on a copy. */
@Injectable()
export class ProjectionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Runs `work` in one transaction. `copySchema`: a read-model copy being rebuilt (see
   * ReadModelRebuildRepository); its tables shadow the live ones for this transaction.
   */
  async inTransaction<T>(
    work: (batch: ProjectionTransaction) => Promise<T>,
    copySchema?: string,
  ): Promise<T> {
    return this.em.fork().transactional(async (em) => {
      const trx = em.getTransactionContext<Knex.Transaction>()!;
      if (copySchema) await trx.raw('set local search_path to ??, public', [copySchema]);
      return work(new ProjectionTransaction(trx, copySchema === undefined));
    });
  }
}
