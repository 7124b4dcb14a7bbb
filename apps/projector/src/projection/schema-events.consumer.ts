import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TopicName } from '@schematrace/contracts';
import { KafkaTopicContext, type ConsumedMessage } from '@schematrace/messaging';
import { ProjectBatchService } from './project-batch.service';

@Controller()
export class SchemaEventsConsumer {
  constructor(private readonly projectBatch: ProjectBatchService) {}

  /** Whole fetched batches: one transaction per batch is what makes the projector fast. */
  @EventPattern(TopicName.schemaEvents, { batch: true })
  async onEvents(
    @Payload() messages: ConsumedMessage<typeof TopicName.schemaEvents>[],
    @Ctx() context: KafkaTopicContext,
  ): Promise<void> {
    const [{ topic, partition, consumerGroup }] = context.getArgs();
    await this.projectBatch.project(messages, { consumerGroup, topic, partition });
  }
}
