import { CliError } from '../api-client';

export const DEFAULT_BROKERS = '127.0.0.1:9092';

/** Where the verbs that talk to Kafka directly find it, and the deployment's topic prefix. */
export interface KafkaAddress {
  readonly brokers: string[];
  readonly topicPrefix: string;
}

/** Flags over the environment (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX) over the defaults, as the services read them. */
export function kafkaAddress(
  env: Readonly<Record<string, string | undefined>>,
  flags: { readonly brokers?: string; readonly topicPrefix?: string },
): KafkaAddress {
  const brokers = (flags.brokers ?? env.KAFKA_BROKERS ?? DEFAULT_BROKERS)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  if (brokers.length === 0)
    throw new CliError('--brokers needs at least one host:port, e.g. 127.0.0.1:9092', 2);
  return { brokers, topicPrefix: flags.topicPrefix ?? env.KAFKA_TOPIC_PREFIX ?? '' };
}
