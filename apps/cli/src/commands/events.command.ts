import type { Command } from 'commander';
import type { EventsResponse } from '@schematrace/contracts';
import { describeEvent } from '@schematrace/domain';
import type { CliContext } from '../cli-context';
import { renderTable } from '../output/table';

interface EventsOptions {
  project?: string;
  kind?: string;
  json?: boolean;
}

export function registerEvents(program: Command, context: CliContext): void {
  program
    .command('events')
    .description('list the schema events of one table (model), oldest first')
    .argument('<table>', 'table name, as `schematrace models` lists it')
    .option('-p, --project <name>', 'project name (default: the default project)')
    .option(
      '--kind <kinds>',
      'only these event kinds, comma-separated (column.added,column.dropped)',
    )
    .option('--json', 'print the events as JSON lines ({sequence, ...event})')
    .addHelpText('after', '\nExample:\n  $ schematrace events catalog_product --project shop')
    .action(async (table: string, options: EventsOptions) => {
      const project = context.project(options.project);
      const rows: EventsResponse['events'] = [];
      const pages = context.api().eventPages(project, {
        table,
        ...(options.kind ? { kind: options.kind } : {}),
      });
      for await (const page of pages) {
        if (options.json)
          for (const { sequence, event } of page.events)
            context.out(JSON.stringify({ sequence, ...event }));
        else rows.push(...page.events);
      }
      if (options.json) return;
      if (rows.length === 0) {
        context.out(`no events name table ${table} in ${project}`);
        return;
      }
      context.out(
        renderTable(
          [
            { heading: 'SEQ', value: (row) => row.sequence, align: 'right' },
            { heading: 'DATE', value: (row) => row.event.occurredAt.slice(0, 10) },
            {
              heading: 'MIGRATION',
              value: (row) => `${row.event.migration.app}/${row.event.migration.name}`,
            },
            { heading: 'CHANGE', value: (row) => describeEvent(row.event) },
          ],
          rows,
          context.style.bold,
        ),
      );
    });
}
