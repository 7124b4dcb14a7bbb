import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RiskPolicy } from '@schematrace/contracts';

export interface StoredRiskPolicy {
  readonly project: string;
  readonly policy: RiskPolicy;
  readonly updatedAt: Date;
}

/** Each project's risk policy; a project without one is assessed with DEFAULT_RISK_POLICY. */
@Injectable()
export class ProjectPolicyRepository {
  constructor(private readonly em: EntityManager) {}

  async get(project: string): Promise<StoredRiskPolicy | undefined> {
    const row: { policy: unknown; updated_at: Date } | undefined = await this.em
      .getConnection()
      .getKnex()('project_policies')
      .where({ project })
      .first('policy', 'updated_at');
    return (
      row && { project, policy: RiskPolicy.parse(row.policy), updatedAt: new Date(row.updated_at) }
    );
  }

  /** Stores the policy whole (validated, with its defaults filled in), replacing any earlier one. */
  async replace(project: string, policy: RiskPolicy): Promise<StoredRiskPolicy> {
    const knex = this.em.getConnection().getKnex();
    const stored = RiskPolicy.parse(policy);
    const [row]: { updated_at: Date }[] = await knex('project_policies')
      .insert({ project, policy: JSON.stringify(stored), updated_at: knex.fn.now() })
      .onConflict('project')
      .merge(['policy', 'updated_at'])
      .returning('updated_at');
    return { project, policy: stored, updatedAt: new Date(row!.updated_at) };
  }
}
