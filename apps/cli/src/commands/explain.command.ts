import type { Command } from 'commander';
import type { MigrationDetail } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';
import { renderExplanation } from '../output/render-queries';

export function registerExplain(program: Command, context: CliContext): void {
  program
    .command('explain')
    .description('explain one migration: what it changes, and its risks with safer alternatives')
    .argument('<project>', 'project name')
    .argument('<migration>', 'the migration, as app/name or its file path')
    .option('--json', 'print the migration detail as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace explain shop orders/0002_remove_order_note')
    .action(async (project: string, migration: string, options: { json?: boolean }) => {
      // One path segment: the API takes `app/name` URL-encoded (app%2Fname).
      const detail = await context
        .api()
        .get<MigrationDetail>(
          `/v1/projects/${encodeURIComponent(project)}/migrations/${encodeURIComponent(migration)}`,
        );
      context.out(
        options.json ? JSON.stringify(detail, null, 2) : renderExplanation(detail, context.style),
      );
    });
}
