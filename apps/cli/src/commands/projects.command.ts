import type { Command } from 'commander';
import type { ProjectView } from '@schematrace/contracts';
import type { CliContext } from '../cli-context';
import { renderTable } from '../output/table';

export function registerProjects(program: Command, context: CliContext): void {
  program
    .command('projects')
    .description('list the projects your key reaches, with their event counts')
    .option('--json', 'print the projects as a JSON array')
    .addHelpText('after', '\nExample:\n  $ schematrace projects')
    .action(async (options: { json?: boolean }) => {
      const projects = await context.api().get<ProjectView[]>('/v1/projects');
      if (options.json) {
        context.out(JSON.stringify(projects, null, 2));
        return;
      }
      if (projects.length === 0) {
        context.out('no projects yet: schematrace init --project <name>');
        return;
      }
      const current = context.settings().defaultProject.value;
      context.out(
        renderTable(
          [
            { heading: 'ID', value: (project) => project.id, align: 'right' },
            {
              heading: 'PROJECT',
              value: (project) => `${project.key}${project.key === current ? ' *' : ''}`,
            },
            { heading: 'EVENTS', value: (project) => project.events, align: 'right' },
            { heading: 'CREATED', value: (project) => project.createdAt.slice(0, 10) },
            { heading: 'DESCRIPTION', value: (project) => project.description ?? '' },
          ],
          projects,
          context.style.bold,
        ),
      );
      if (current && projects.some((project) => project.key === current))
        context.out(context.style.dim('* the default project'));
    });
}
