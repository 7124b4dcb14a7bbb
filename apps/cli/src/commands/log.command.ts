import type { Command } from 'commander';
import { describeEvent } from '@schematrace/domain';
import type { CliContext } from '../cli-context';

export function registerLog(program: Command, context: CliContext): void {
  program
    .command('log')
    .description("print a project's schema history: every event in sequence order")
    .argument('<project>', 'project name')
    .option('--json', 'print the events as JSON lines')
    .addHelpText('after', '\nExample:\n  $ schematrace log shop')
    .action(async (project: string, options: { json?: boolean }) => {
      let currentMigration = '';
      for await (const page of context.api().eventPages(project)) {
        for (const { sequence, event } of page.events) {
          if (options.json) {
            context.out(JSON.stringify({ sequence, ...event }));
            continue;
          }
          const migration = `${event.migration.app}/${event.migration.name}`;
          if (migration !== currentMigration) {
            currentMigration = migration;
            const who = event.migration.git ? ` by ${event.migration.git.authorName}` : '';
            context.out(`\n${migration}  (${event.occurredAt.slice(0, 10)}${who})`);
          }
          context.out(`  ${String(sequence).padStart(5)}  ${describeEvent(event)}`);
        }
      }
    });
}
