import { EntitySchema } from '@mikro-orm/core';

/**
 * The last Kafka offset whose effects are in this database, written in the same transaction as
 * those effects: the projector resumes from here, so a crash neither loses nor doubles an event.
 */
export interface ConsumerCheckpoint {
  consumerGroup: string;
  topic: string;
  partition: number;
  offset: string;
  updatedAt: Date;
}

export const ConsumerCheckpointEntity = new EntitySchema<ConsumerCheckpoint>({
  name: 'ConsumerCheckpoint',
  tableName: 'consumer_checkpoints',
  properties: {
    consumerGroup: { type: 'string', length: 200, primary: true },
    topic: { type: 'string', length: 200, primary: true },
    partition: { type: 'integer', primary: true },
    offset: { type: 'bigint' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', defaultRaw: 'now()' },
  },
});
