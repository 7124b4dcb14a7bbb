import type { Command } from 'commander';
import { logicalTopic } from '@schematrace/contracts';
import type { ListedDeadLetter } from '@schematrace/messaging';
import { CliError } from '../../api-client';
import type { CliContext } from '../../cli-context';
import { renderTable } from '../../output/table';
import { DEFAULT_BROKERS, kafkaAddress } from '../../settings/kafka-address';
import { wholeNumber } from '../option-values';
import { shortTime } from './short-time';

interface KafkaOptions {
  brokers?: string;
  topicPrefix?: string;
  json?: boolean;
}

export function registerDeadLetters(admin: Command, context: CliContext): void {
  const deadLetters = admin
    .command('dead-letters')
    .description(
      'inspect the messages the services refused, and send them back once the cause is fixed (talks to Kafka directly)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace admin dead-letters list --limit 20\n  $ schematrace admin dead-letters retry 0 12',
    );

  withKafkaOptions(deadLetters.command('list'))
    .description('list the newest dead letters, oldest first')
    .option('-n, --limit <count>', 'how many of the newest to show', '50')
    .addHelpText(
      'after',
      '\nExample:\n  $ schematrace admin dead-letters list --brokers kafka:9092 --limit 20',
    )
    .action(async (options: KafkaOptions & { limit: string }) => {
      const limit = wholeNumber('--limit', options.limit, 1);
      const address = kafkaAddress(context.env, options);
      const letters = await messaging((m) => m.listDeadLetters({ ...address, limit }));
      if (options.json) {
        context.out(JSON.stringify(letters, null, 2));
        return;
      }
      if (letters.length === 0) {
        context.out('no dead letters');
        return;
      }
      context.out(
        renderTable(
          [
            {
              heading: 'PARTITION',
              value: (row: ListedDeadLetter) => row.partition,
              align: 'right',
            },
            { heading: 'OFFSET', value: (row) => row.offset, align: 'right' },
            {
              heading: 'FAILED AT',
              value: (row) => ('letter' in row ? shortTime(row.letter.failedAt) : ''),
            },
            { heading: 'ORIGINAL', value: (row) => original(row, address.topicPrefix) },
            { heading: 'KEY', value: (row) => ('letter' in row ? (row.letter.key ?? '') : '') },
            {
              heading: 'REFUSED BY',
              value: (row) =>
                'letter' in row ? withoutPrefix(row.letter.consumerGroup, address.topicPrefix) : '',
            },
            { heading: 'CAUSE', value: (row) => cause(row) },
            {
              heading: 'REASON',
              value: (row) =>
                'letter' in row ? row.letter.reason : `not a dead letter: ${row.unreadable}`,
            },
          ],
          letters,
          context.style.bold,
        ),
      );
    });

  withKafkaOptions(deadLetters.command('retry'))
    .description(
      'republish a dead letter to the topic and partition it was refused on, so it is processed again',
    )
    .argument('<partition>', 'its partition on the dead-letter topic, as list shows it')
    .argument('<offset>', 'its offset on the dead-letter topic, as list shows it')
    .addHelpText('after', '\nExample:\n  $ schematrace admin dead-letters retry 0 12')
    .action(async (partitionText: string, offsetText: string, options: KafkaOptions) => {
      const partition = wholeNumber('<partition>', partitionText, 0);
      const offset = String(wholeNumber('<offset>', offsetText, 0));
      const address = kafkaAddress(context.env, options);
      const retried = await messaging((m) => m.retryDeadLetter({ ...address, partition, offset }));
      context.out(
        options.json
          ? JSON.stringify({ deadLetter: { partition, offset }, retried }, null, 2)
          : `republished dead letter ${partition}/${offset} to ${retried.topic}, partition ${retried.partition}, offset ${retried.offset}`,
      );
    });
}

function withKafkaOptions(command: Command): Command {
  return command
    .option(
      '--brokers <list>',
      `Kafka brokers, comma-separated (default $KAFKA_BROKERS or ${DEFAULT_BROKERS})`,
    )
    .option(
      '--topic-prefix <prefix>',
      "the deployment's topic prefix (default $KAFKA_TOPIC_PREFIX or none)",
    )
    .option('--json', 'print the result as JSON');
}

/**
 * Loaded on use: the Kafka client is heavy, and only these verbs need it. Its failures become
 * the CLI's exit codes (3 unreachable, 4 not found, 1 cannot retry).
 */
async function messaging<T>(
  work: (module: typeof import('@schematrace/messaging')) => Promise<T>,
): Promise<T> {
  const module = await import('@schematrace/messaging');
  try {
    return await work(module);
  } catch (error) {
    if (error instanceof module.BrokersUnreachableError)
      throw new CliError(`${error.message}; pass --brokers, or set KAFKA_BROKERS`, 3);
    if (error instanceof module.DeadLetterNotFoundError) throw new CliError(error.message, 4);
    if (error instanceof module.DeadLetterNotRetriableError) throw new CliError(error.message, 1);
    throw error;
  }
}

/** The topic it was refused on, by its logical name when it is one of ours, and where on it. */
function original(row: ListedDeadLetter, topicPrefix: string): string {
  if (!('letter' in row)) return '';
  const { sourceTopic, partition, offset } = row.letter;
  return `${logicalTopic(sourceTopic, topicPrefix) ?? sourceTopic} ${partition}/${offset}`;
}

/** What the contract check found wrong, when that was the failure. */
function cause(row: ListedDeadLetter): string {
  if (!('letter' in row)) return '';
  const [first, ...rest] = row.letter.issues;
  if (!first) return '';
  return `${first.path}: ${first.message}${rest.length > 0 ? ` (+${rest.length} more)` : ''}`;
}

/** Consumer groups carry the deployment's prefix too; the table shows the service's name. */
function withoutPrefix(group: string, topicPrefix: string): string {
  return topicPrefix && group.startsWith(topicPrefix) ? group.slice(topicPrefix.length) : group;
}
