import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import {
  TopicName,
  physicalTopic,
  type ApiKeyView,
  type CreatedApiKey,
  type RebuildStatusResponse,
} from '@schematrace/contracts';
import type { ListedDeadLetter } from '@schematrace/messaging';
import { cli, cliWith, type CliResult } from './cli-runner';
import { eventually } from './eventually';
import { startStack, type RunningStack } from './running-stack';

const DJANGO = path.resolve(__dirname, '../../examples/django-shop');
const KEY = /st_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/;

/** The operator verbs (`schematrace admin ...`) against real services and a real broker. */
describe('schematrace admin (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;
  let adminKey: string;

  /** The CLI with a key, and the stack's Kafka for the dead-letter verbs. */
  const as = (key: string | undefined, ...argv: string[]): Promise<CliResult> =>
    cliWith(
      {
        apiUrl: stack.gateway.url,
        env: {
          ...(key ? { SCHEMATRACE_API_KEY: key } : {}),
          KAFKA_BROKERS: stack.environment.brokers.join(','),
          KAFKA_TOPIC_PREFIX: stack.environment.topicPrefix,
        },
      },
      ...argv,
    );

  beforeAll(async () => {
    stack = await startStack('cli_admin');
    expect((await cli(stack.gateway.url, 'scan', DJANGO, '--project', 'shop')).code).toBe(0);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  describe('keys', () => {
    let readKey: CreatedApiKey;

    it('creates the first (admin) key, printing it once with a warning', async () => {
      const created = await cli(
        stack.gateway.url,
        'admin',
        'keys',
        'create',
        '--scope',
        'admin',
        '--label',
        'bootstrap',
      );

      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^created admin key \(bootstrap\): [a-z0-9]{12}\n/);
      adminKey = KEY.exec(created.stdout)![0];
      expect(created.stderr).toContain('it is not shown again');
    });

    it('refuses a scope it does not know, naming the allowed ones', async () => {
      const refused = await as(adminKey, 'admin', 'keys', 'create', '--scope', 'owner');

      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--scope must be one of read, write, admin, not "owner"');
    });

    it('creates a key limited to a project and lists every key without the secrets', async () => {
      const created = await as(
        adminKey,
        'admin',
        'keys',
        'create',
        '--scope',
        'read',
        '--project',
        'shop',
        '--label',
        'dashboard',
        '--json',
      );
      expect(created.code).toBe(0);
      readKey = JSON.parse(created.stdout) as CreatedApiKey;
      expect(readKey).toMatchObject({ scope: 'read', project: 'shop', label: 'dashboard' });

      const listed = await as(adminKey, 'admin', 'keys', 'list');
      const asJson = await as(adminKey, 'admin', 'keys', 'list', '--json');

      expect(listed.code).toBe(0);
      const [heading, ...rows] = listed.stdout.trimEnd().split('\n');
      expect(heading).toMatch(/^ID +SCOPE +PROJECT +CREATED +STATUS +LABEL$/);
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^${readKey.id} +read +shop +\\S+ \\S+ +active +dashboard$`),
          ),
          expect.stringMatching(/ admin +\(all\) .* active +bootstrap$/),
        ]),
      );
      expect(listed.stdout).not.toMatch(KEY);
      expect(asJson.stdout).not.toMatch(KEY);
      expect((JSON.parse(asJson.stdout) as ApiKeyView[]).map((key) => key.id)).toContain(
        readKey.id,
      );
    });

    it('lets the new key read, until it is revoked (then the CLI exits 6)', async () => {
      expect((await as(readKey.key, 'at', 'shop')).code).toBe(0);

      const revoked = await as(adminKey, 'admin', 'keys', 'revoke', readKey.id);

      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toBe(`revoked read key for project shop (dashboard): ${readKey.id}\n`);
      const refused = await as(readKey.key, 'at', 'shop');
      expect(refused.code).toBe(6);
      expect(refused.stderr).toContain('The API key was refused');
      const listed = await as(adminKey, 'admin', 'keys', 'list');
      expect(listed.stdout).toMatch(new RegExp(`^${readKey.id} .* revoked `, 'm'));
    });

    it('exits 4 for a key that does not exist', async () => {
      expect((await as(adminKey, 'admin', 'keys', 'revoke', 'nosuchkey000')).code).toBe(4);
    });
  });

  describe('rebuild', () => {
    it('rebuilds every project, follows it to the end and reports each project equal', async () => {
      const rebuilt = await as(adminKey, 'admin', 'rebuild');

      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toMatch(
        /rebuild \S+ completed: \d+ event\(s\) replayed; every project equal after the rebuild/,
      );
      expect(rebuilt.stdout).toMatch(/^PROJECT +BEFORE +SWITCHED +AFTER$/m);
      expect(rebuilt.stdout).toMatch(/^shop +equal +yes +equal$/m);
    });

    it('runs a dry run of one project as JSON: compared, nothing switched', async () => {
      const dryRun = await as(
        adminKey,
        'admin',
        'rebuild',
        '--project',
        'shop',
        '--dry-run',
        '--json',
      );

      expect(dryRun.code).toBe(0);
      const status = JSON.parse(dryRun.stdout) as RebuildStatusResponse;
      expect(status).toMatchObject({
        state: 'completed',
        request: { project: 'shop', dryRun: true },
        report: { switched: [], before: [{ project: 'shop', equal: true }] },
      });
    });

    it('returns at once with --no-wait, and needs an admin key', async () => {
      const accepted = await as(adminKey, 'admin', 'rebuild', '--no-wait', '--dry-run');
      expect(accepted.code).toBe(0);
      const [, id] = /^rebuild (\S+) requested \(every project, dry run\)/.exec(accepted.stdout)!;
      // Followed to its end all the same, so the stack never stops in the middle of it.
      await eventually(async () => {
        const response = await fetch(`${stack.gateway.url}/v1/admin/rebuilds/${id}`, {
          headers: { authorization: `Bearer ${adminKey}` },
        });
        return ((await response.json()) as RebuildStatusResponse).state === 'completed';
      }, 'the rebuild requested without waiting');

      const keyless = await as(undefined, 'admin', 'rebuild');
      expect(keyless.code).toBe(6);
      expect(keyless.stderr).toContain(
        'This server needs an API key: schematrace config --set-api-key <key>, or set SCHEMATRACE_API_KEY.',
      );
      expect((await as(adminKey, 'admin', 'rebuild', '--timeout', 'soon')).code).toBe(2);
    });
  });

  describe('dead letters', () => {
    const scansTopic = () => physicalTopic(TopicName.scans, stack.environment.topicPrefix);

    async function letters(): Promise<ListedDeadLetter[]> {
      const listed = await as(undefined, 'admin', 'dead-letters', 'list', '--json');
      expect(listed.code).toBe(0);
      return JSON.parse(listed.stdout) as ListedDeadLetter[];
    }

    it('lists a poison message the scans consumer refused, then retries it onto its topic', async () => {
      const kafka = new Kafka({ brokers: stack.environment.brokers, logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: scansTopic(),
        messages: [{ key: 'poison', value: 'not json at all' }],
      });
      await producer.disconnect();

      const [poison] = await eventually(async () => {
        const found = (await letters()).filter(
          (record) => 'letter' in record && record.letter.key === 'poison',
        );
        return found.length > 0 && found;
      }, 'the poison message on the dead-letter topic');
      const listed = await as(undefined, 'admin', 'dead-letters', 'list');

      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(
        /^PARTITION +OFFSET +FAILED AT +ORIGINAL +KEY +REFUSED BY +CAUSE +REASON$/m,
      );
      expect(listed.stdout).toMatch(
        new RegExp(
          `^ +${poison!.partition} +${poison!.offset} +\\S+ \\S+ +scans \\d+/\\d+ +poison +\\S+ +value is not JSON`,
          'm',
        ),
      );

      const retried = await as(
        undefined,
        'admin',
        'dead-letters',
        'retry',
        String(poison!.partition),
        poison!.offset,
      );

      expect(retried.code).toBe(0);
      expect(retried.stdout).toMatch(
        new RegExp(
          `^republished dead letter ${poison!.partition}/${poison!.offset} to ${scansTopic().replace(/\./g, '\\.')}, partition \\d+, offset \\d+\n$`,
        ),
      );
      // Still not JSON, so the scans consumer refuses it again: proof it went back to that topic.
      const again = await eventually(async () => {
        const found = (await letters()).filter(
          (record) =>
            'letter' in record &&
            record.letter.key === 'poison' &&
            record.letter.headers['schematrace-retried-from'] ===
              `${physicalTopic(TopicName.deadLetter, stack.environment.topicPrefix)}/${poison!.partition}/${poison!.offset}`,
        );
        return found[0];
      }, 'the retried poison message dead-lettered again');
      expect(again).toMatchObject({ letter: { sourceTopic: scansTopic() } });
    });

    it('exits 4 for an offset with no dead letter, 2 for a bad one, 3 for unreachable brokers', async () => {
      expect((await as(undefined, 'admin', 'dead-letters', 'retry', '0', '99999')).code).toBe(4);
      expect((await as(undefined, 'admin', 'dead-letters', 'retry', '0', 'last')).code).toBe(2);
      const unreachable = await as(
        undefined,
        'admin',
        'dead-letters',
        'list',
        '--brokers',
        '127.0.0.1:1',
      );
      expect(unreachable.code).toBe(3);
      expect(unreachable.stderr).toContain('cannot reach Kafka at 127.0.0.1:1');
    });
  });
});
