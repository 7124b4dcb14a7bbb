import type { Command } from 'commander';
import type { DiffResponse } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';
import { renderDiff } from '../output/render-queries';

export function registerDiff(program: Command, context: CliContext): void {
  program
    .command('diff')
    .description("print what changed in a project's schema between two points (to defaults to now)")
    .argument('<project>', 'project name')
    .argument('<from>', 'the earlier point: sequence, migration (app/name), date or commit:<sha>')
    .argument('[to]', 'the later point; omit for the current schema')
    .option('--json', 'print the whole response, with the structured diff, as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ schematrace diff shop catalog/0002_product_sku\n  $ schematrace diff shop 3 orders/0001_initial',
    )
    .action(
      async (
        project: string,
        from: string,
        to: string | undefined,
        options: { json?: boolean },
      ) => {
        const diff = await context
          .api()
          .get<DiffResponse>(`/v1/projects/${encodeURIComponent(project)}/diff`, { from, to });
        context.out(options.json ? JSON.stringify(diff, null, 2) : renderDiff(diff, context.style));
      },
    );
}
