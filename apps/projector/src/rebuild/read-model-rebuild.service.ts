import { Inject, Injectable, Logger } from '@nestjs/common';
import { TopicName } from '@schematrace/contracts';
import type { ServiceConfig } from '@schematrace/config';
import { KafkaConnection, replayTopic } from '@schematrace/messaging';
import { ReadModelRebuildRepository, type ProjectComparison } from '@schematrace/persistence';
import { SERVICE_CONFIG } from '@schematrace/platform';
import { HeadStateCache } from '../projection/head-state.cache';
import { ProjectBatchService } from '../projection/project-batch.service';
import { RiskRecomputeTrigger } from '../projection/risk-recompute.trigger';

export interface RebuildOptions {
  /** Rebuild one project only; all of them when absent. */
  readonly project?: string;
  /** Compare only; keep the live read models. */
  readonly dryRun?: boolean;
}

export interface RebuildReport {
  readonly schema: string;
  readonly events: number;
  /** The copy against the live read models, before any switch. */
  readonly before: readonly ProjectComparison[];
  /** After the switch: the live read models against the copy (all equal when it worked). */
  readonly after: readonly ProjectComparison[];
  readonly switched: readonly string[];
}

/** How often a copy that fell behind the live projector is replayed again before giving up. */
const CATCH_UP_ATTEMPTS = 5;

/**
 * Rebuilds the read models from `schema-events`: a fresh copy is filled by replaying the topic
 * from its beginning with the projector's own batch code, while the live copy keeps serving;
 * then, per project, the copy is compared with the live one, switched in inside one transaction
 * (once it has caught up), and compared again.
 */
@Injectable()
export class ReadModelRebuildService {
  private readonly log = new Logger(ReadModelRebuildService.name);

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly batches: ProjectBatchService,
    private readonly copies: ReadModelRebuildRepository,
    private readonly riskRecompute: RiskRecomputeTrigger,
    private readonly heads: HeadStateCache,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async rebuild(options: RebuildOptions = {}): Promise<RebuildReport> {
    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const schema = `rebuild_${id}`;
    await this.copies.createCopy(schema);
    try {
      let events = await this.replay(schema, id, options.project);
      const projects = options.project ? [options.project] : await this.copies.projectsIn(schema);
      const before = await Promise.all(
        projects.map((project) => this.copies.compare(schema, project)),
      );
      const switched: string[] = [];
      if (!options.dryRun) {
        for (const project of projects) {
          for (let attempt = 1; ; attempt++) {
            if ((await this.copies.switchProject(schema, project)) === 'switched') break;
            if (attempt >= CATCH_UP_ATTEMPTS)
              throw new Error(
                `project ${project}: the copy could not catch up with the live projector`,
              );
            // The live projector got newer events meanwhile: replay the rest of the topic.
            events += await this.replay(schema, `${id}-${attempt}`, project);
          }
          switched.push(project);
        }
        await this.riskRecompute.eventsRecorded(switched);
      }
      const after = await Promise.all(
        projects.map((project) => this.copies.compare(schema, project)),
      );
      this.log.log(`rebuilt ${projects.length} project(s) from ${events} event(s) in ${schema}`);
      return { schema, events, before, after, switched };
    } finally {
      await this.copies.dropCopy(schema);
      this.heads.forgetScope(schema);
    }
  }

  /** Replays the topic into the copy; events already there are skipped by the batch code. */
  private replay(schema: string, id: string, project: string | undefined): Promise<number> {
    const groupId = `${this.config.kafka.topicPrefix}schematrace-rebuild-${id}`;
    return replayTopic({
      kafka: this.kafka.kafka,
      admin: this.kafka.admin,
      topic: TopicName.schemaEvents,
      topicPrefix: this.config.kafka.topicPrefix,
      groupId,
      onBatch: async (messages, partition) => {
        const wanted = project
          ? messages.filter((message) => message.value.project === project)
          : messages;
        if (wanted.length === 0) return;
        await this.batches.project(
          wanted,
          { consumerGroup: groupId, topic: TopicName.schemaEvents, partition },
          { schema },
        );
      },
    });
  }
}
