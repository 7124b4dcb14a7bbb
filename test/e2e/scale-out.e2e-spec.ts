import { Kafka, Partitioners, logLevel, type Admin } from 'kafkajs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TopicName, physicalTopic } from '@schematrace/contracts';
import { cli } from './cli-runner';
import { consumedMessages, groupAssignments, type GroupMember } from './consumer-groups';
import { eventually } from './eventually';
import { readModels, type ProjectReadModels } from './read-models';
import { PRODUCT_WEIGHT_MIGRATION } from './example-shop-migrations';
import { startStack, type RunningStack } from './running-stack';

const EXAMPLE = path.resolve(__dirname, '../../examples/django-shop');

/** Project keys chosen so their messages land on each of the six partitions of every topic. */
const PROJECTS = ['orders', 'catalog', 'payments', 'billing', 'inventory', 'wiki'];

/**
 * The same scans through a stack with one parser and one projector, and through one with two of
 * each sharing their consumer groups (Kafka splits the partitions between them), must leave the
 * same read models: per-project order lives in one partition, so scaling out changes nothing.
 */
describe('two parsers and two projectors produce the read models one of each does', () => {
  let repo: string;
  let single: Record<string, ProjectReadModels>;
  let scaled: RunningStack;
  let admin: Admin;
  const members: Record<'parser' | 'projector', GroupMember[]> = { parser: [], projector: [] };

  /** Two waves: every project scans the example, then every project adds a migration. */
  async function scanEverything(stack: RunningStack): Promise<void> {
    const scan = async (project: string, folder: string) => {
      const result = await cli(stack.gateway.url, 'scan', folder, '--project', project);
      expect(result).toMatchObject({ code: 0, stderr: '' });
    };
    await Promise.all(PROJECTS.map((project) => scan(project, EXAMPLE)));
    await Promise.all(PROJECTS.map((project) => scan(project, repo)));
  }

  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), 'schematrace-scale-'));
    await cp(EXAMPLE, repo, { recursive: true });
    await writeFile(
      path.join(repo, PRODUCT_WEIGHT_MIGRATION.path),
      PRODUCT_WEIGHT_MIGRATION.content,
    );

    const reference = await startStack('scale_single');
    try {
      await scanEverything(reference);
      single = await readModels(reference.environment.databaseUrl, PROJECTS);
    } finally {
      await reference.stop();
    }

    scaled = await startStack('scale_double', { instances: { parser: 2, projector: 2 } });
    admin = new Kafka({ brokers: scaled.environment.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    // Scan only once both groups settled with two members, so each instance owns partitions.
    for (const service of ['parser', 'projector'] as const) {
      const topic = service === 'parser' ? TopicName.migrations : TopicName.schemaEvents;
      members[service] = await eventually(async () => {
        const group = await groupAssignments(
          admin,
          `${scaled.environment.topicPrefix}schematrace-${service}`,
          physicalTopic(topic, scaled.environment.topicPrefix),
        );
        return (
          group.state === 'Stable' &&
          group.members.length === 2 &&
          group.members.every((member) => member.partitions.length > 0) &&
          group.members
        );
      }, `two ${service}s sharing the partitions`);
    }
    await scanEverything(scaled);
  });

  afterAll(async () => {
    await admin?.disconnect();
    await scaled?.stop();
    if (repo) await rm(repo, { recursive: true, force: true });
  });

  it('spreads the projects over every partition', async () => {
    const topic = physicalTopic(TopicName.schemaEvents, scaled.environment.topicPrefix);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const partitionMetadata = metadata.topics[0]?.partitions ?? [];
    // The producers' partitioner (Java-compatible murmur2), as every service uses.
    const partitioner = Partitioners.DefaultPartitioner();
    const partitions = PROJECTS.map((key) =>
      partitioner({ topic, partitionMetadata, message: { key, value: null } }),
    );

    expect(partitionMetadata).toHaveLength(PROJECTS.length);
    expect(partitions.sort(byNumber)).toEqual(
      partitionMetadata.map((p) => p.partitionId).sort(byNumber),
    );
  });

  it.each(['parser', 'projector'] as const)(
    'splits the partitions between the two %s instances, and each consumed messages',
    async (service) => {
      const owned = members[service].map((member) => member.partitions);
      expect(owned.flat().sort(byNumber)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(owned.every((partitions) => partitions.length === 3)).toBe(true);

      const topic = service === 'parser' ? TopicName.migrations : TopicName.schemaEvents;
      const instances = scaled.instances(service);
      expect(instances).toHaveLength(2);
      for (const instance of instances)
        expect(await consumedMessages(instance, topic)).toBeGreaterThan(0);
    },
  );

  it('records the same events, heads, tables and columns as one instance of each', async () => {
    const double = await readModels(scaled.environment.databaseUrl, PROJECTS);

    for (const project of PROJECTS) {
      expect(single[project]!.events.length).toBeGreaterThan(0);
      expect(single[project]!.head?.lastSequence).toBe(single[project]!.events.length);
    }
    expect(double).toEqual(single);
  });
});

const byNumber = (a: number, b: number) => a - b;
