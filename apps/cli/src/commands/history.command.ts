import type { Command } from 'commander';
import type { LineageResponse } from '@schematrace/contracts';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import { renderLineage } from '../output/render-queries';

export function registerHistory(program: Command, context: CliContext): void {
  program
    .command('history')
    .description(
      'print the life of a table, or of one column, through renames, changes, drops and re-adds',
    )
    .argument('<project>', 'project name')
    .argument('<subject>', 'a table, or table.column')
    .option('--json', 'print the lineage as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ schematrace history shop catalog_product\n  $ schematrace history shop catalog_product.name',
    )
    .action(async (project: string, subject: string, options: { json?: boolean }) => {
      const { table, column } = parseSubject(subject);
      const route = `/v1/projects/${encodeURIComponent(project)}/tables/${encodeURIComponent(table)}`;
      const lineage = await context
        .api()
        .get<LineageResponse>(
          column === undefined
            ? `${route}/history`
            : `${route}/columns/${encodeURIComponent(column)}/history`,
        );
      context.out(
        options.json ? JSON.stringify(lineage, null, 2) : renderLineage(lineage, context.style),
      );
    });
}

/** `table` or `table.column`: the column is what follows the last dot. */
function parseSubject(subject: string): { table: string; column?: string } {
  const dot = subject.lastIndexOf('.');
  if (dot === -1) return { table: subject };
  const table = subject.slice(0, dot);
  const column = subject.slice(dot + 1);
  if (table === '' || column === '')
    throw new CliError(`"${subject}" is not a table or table.column`, 2);
  return { table, column };
}
