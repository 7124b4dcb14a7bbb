import type { Command } from 'commander';
import type { TableInterval, TablesResponse } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';
import { renderTable } from '../output/table';

export function registerModels(program: Command, context: CliContext): void {
  program
    .command('models')
    .description("list a project's tables (models) with their column counts")
    .argument('[project]', 'project name (default: the default project)')
    .option('--include-removed', 'list dropped tables too')
    .option('--json', 'print the tables as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace models shop --include-removed')
    .action(
      async (given: string | undefined, options: { includeRemoved?: boolean; json?: boolean }) => {
        const project = context.project(given);
        const response = await context
          .api()
          .get<TablesResponse>(`/v1/projects/${encodeURIComponent(project)}/tables`, {
            include_removed: options.includeRemoved ? 'true' : undefined,
          });
        if (options.json) {
          context.out(JSON.stringify(response, null, 2));
          return;
        }
        if (response.tables.length === 0) {
          context.out(`${project} has no tables yet: schematrace scan <repository>`);
          return;
        }
        context.out(renderModels(response.tables, context));
      },
    );
}

function renderModels(tables: readonly TableInterval[], context: CliContext): string {
  return renderTable(
    [
      { heading: 'TABLE', value: (table) => table.name },
      {
        heading: 'MODEL',
        value: (table) =>
          table.model ? [table.model.app, table.model.name].filter(Boolean).join('.') : '',
      },
      {
        heading: 'COLUMNS',
        value: (table) => table.columns.filter((column) => column.removedAt === null).length,
        align: 'right',
      },
      { heading: 'ADDED AT', value: (table) => `#${table.addedSequence}`, align: 'right' },
      {
        heading: 'REMOVED AT',
        value: (table) => (table.removedSequence === null ? '' : `#${table.removedSequence}`),
        style: (text) => context.style.dim(text),
      },
    ],
    tables,
    context.style.bold,
  );
}
