import type { Command } from 'commander';
import type { SchemaResponse } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';

export function registerAt(program: Command, context: CliContext): void {
  program
    .command('at')
    .description(
      "print a project's schema at a point in its history: a sequence number, a migration, a date or a commit (or now)",
    )
    .argument('<project>', 'project name')
    .argument(
      '[point]',
      'sequence (12), migration (app/name, migration:<name> or its path), date (2024-05-01) or commit:<sha>; omit for the current schema',
    )
    .option('--json', 'print the schema as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace at shop\n  $ schematrace at shop 12\n  $ schematrace at shop catalog/0002_product_sku\n  $ schematrace at shop 2024-05-01\n  $ schematrace at shop commit:1a2b3c4',
    )
    .action(async (project: string, point: string | undefined, options: { json?: boolean }) => {
      // The API reads the point (history-point.ts), so every form it knows works here unchanged.
      const schema = await context
        .api()
        .get<SchemaResponse>(`/v1/projects/${encodeURIComponent(project)}/schema`, { at: point });
      context.out(options.json ? JSON.stringify(schema, null, 2) : renderSchema(schema));
    });
}

export function renderSchema(schema: SchemaResponse): string {
  const where = schema.point
    ? `${schema.point} (sequence ${schema.sequence})`
    : `sequence ${schema.sequence}`;
  const lines = [`${schema.project} at ${where}: ${schema.tables.length} table(s)`];
  for (const table of schema.tables) {
    lines.push(
      '',
      `  ${table.name}${table.model ? `  (${[table.model.app, table.model.name].filter(Boolean).join('.')})` : ''}`,
    );
    const width = Math.max(0, ...table.columns.map((column) => column.name.length));
    for (const column of table.columns) {
      const flags = [
        column.primaryKey ? 'primary key' : '',
        column.nullable ? 'null' : 'not null',
        column.unique && !column.primaryKey ? 'unique' : '',
        column.references ? `→ ${column.references.table.name}.${column.references.column}` : '',
      ].filter(Boolean);
      lines.push(`    ${column.name.padEnd(width)}  ${column.type.sql}  ${flags.join(', ')}`);
    }
  }
  return lines.join('\n');
}
