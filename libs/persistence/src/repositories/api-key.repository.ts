import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ApiKeyEntity, type ApiKeyRow } from '../entities/api-key.entity';

/** API keys (control data the gateway owns). */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly em: EntityManager) {}

  async create(key: Omit<ApiKeyRow, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRow> {
    const em = this.em.fork();
    const row = em.create(ApiKeyEntity, { ...key, createdAt: new Date(), revokedAt: null });
    await em.flush();
    return row;
  }

  find(id: string): Promise<ApiKeyRow | null> {
    return this.em.fork().findOne(ApiKeyEntity, { id });
  }

  list(): Promise<ApiKeyRow[]> {
    return this.em.fork().find(ApiKeyEntity, {}, { orderBy: { createdAt: 'asc' } });
  }

  /** Whether any key is in force: authentication is on from the first key created. */
  async anyActive(): Promise<boolean> {
    return (await this.em.fork().count(ApiKeyEntity, { revokedAt: null })) > 0;
  }

  async revoke(id: string): Promise<ApiKeyRow | null> {
    const em = this.em.fork();
    const row = await em.findOne(ApiKeyEntity, { id });
    if (!row) return null;
    row.revokedAt ??= new Date();
    await em.flush();
    return row;
  }
}
