import type { Command } from 'commander';
import type { SchemaResponse } from '@schematrace/contracts';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';

export function registerAt(program: Command, context: CliContext): void {
  program
    .command('at')
    .description("print a project's schema after a sequence number (or now)")
    .argument('<project>', 'project name')
    .argument('[sequence]', 'event sequence number; omit for the current schema')
    .option('--json', 'print the schema as JSON')
    .addHelpText('after', '\nExamples:\n  $ schematrace at shop\n  $ schematrace at shop 12')
    .action(async (project: string, sequence: string | undefined, options: { json?: boolean }) => {
      const at = sequence === undefined ? undefined : Number(sequence);
      if (at !== undefined && (!Number.isInteger(at) || at < 0)) {
        throw new CliError(`sequence must be a whole number, not "${sequence}"`, 2);
      }
      const schema = await context.api().schema(project, at);
      context.out(options.json ? JSON.stringify(schema, null, 2) : renderSchema(schema));
    });
}

export function renderSchema(schema: SchemaResponse): string {
  const lines = [
    `${schema.project} at sequence ${schema.sequence}: ${schema.tables.length} table(s)`,
  ];
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
