import { Kafka, logLevel } from 'kafkajs';
import type { DependencyProbe } from '@schematrace/platform';

/** The brokers answer an admin request (preflight, before a service starts). */
export const kafkaProbe: DependencyProbe = {
  dependency: 'Kafka',
  address: (config) => config.kafka.brokers.join(','),
  hint: 'Start it with "npm run stack:up" (or "deploy/kafka/kafka.sh start"), or set KAFKA_BROKERS to a running broker.',
  async check(config) {
    const admin = new Kafka({
      clientId: `${config.kafka.clientId}-preflight`,
      brokers: [...config.kafka.brokers],
      connectionTimeout: 3_000,
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 300 },
    }).admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
