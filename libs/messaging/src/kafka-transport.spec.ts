import type { Kafka } from 'kafkajs';
import { TopicName } from '@schematrace/contracts';
import { KafkaTransport } from './kafka-transport';
import type { MessagePublisher } from './message-publisher';

/** Boot checks run before any connection, so no broker is needed to see them fail. */
function transport(consumes: TopicName[], handlers: string[]): KafkaTransport {
  const unused = {} as Kafka;
  const server = new KafkaTransport({
    kafka: unused,
    groupId: 'g',
    topicPrefix: '',
    consumes,
    publisher: {} as MessagePublisher,
  });
  for (const pattern of handlers) server.addHandler(pattern, () => Promise.resolve(), true);
  return server;
}

function listenError(server: KafkaTransport): Promise<unknown> {
  return new Promise((resolve) => void server.listen((error) => resolve(error)));
}

describe('KafkaTransport boot checks', () => {
  it('refuses to start when a consumed topic has no handler', async () => {
    const error = await listenError(transport([TopicName.scans], []));

    expect(String(error)).toContain('topic "scans" has no handler in this service');
  });

  it('refuses to start when a topic has two handlers', async () => {
    const error = await listenError(
      transport([TopicName.scans], [TopicName.scans, TopicName.scans]),
    );

    expect(String(error)).toContain('topic "scans" has more than one handler');
  });

  it('refuses a handler for a topic that does not exist', async () => {
    const error = await listenError(transport([TopicName.scans], [TopicName.scans, 'scanz']));

    expect(String(error)).toContain('"scanz", which is not a SchemaTrace topic');
  });

  it('refuses a handler for a topic the service does not consume', async () => {
    const error = await listenError(
      transport([TopicName.scans], [TopicName.scans, TopicName.migrations]),
    );

    expect(String(error)).toContain('topic "migrations", which this service does not consume');
  });
});
