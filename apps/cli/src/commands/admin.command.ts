import type { Command } from 'commander';
import type { CliContext } from '../cli-context';
import { registerDeadLetters } from './admin/dead-letters.command';
import { registerKeys } from './admin/keys.command';
import { registerRebuild } from './admin/rebuild.command';

/** Operator verbs: most need an admin key; the dead-letter ones talk to Kafka directly. */
export function registerAdmin(program: Command, context: CliContext): void {
  const admin = program
    .command('admin')
    .description('operator tasks: rebuild the read models, manage API keys, retry dead letters')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace admin rebuild --dry-run\n  $ schematrace admin keys list\n  $ schematrace admin dead-letters list',
    );
  registerRebuild(admin, context);
  registerKeys(admin, context);
  registerDeadLetters(admin, context);
}
