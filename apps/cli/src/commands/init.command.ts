import type { Command } from 'commander';
import type { ProjectView } from '@schematrace/contracts';
import { CliError } from '../api-client';
import type { CliContext } from '../cli-context';
import { readSettings, writeSettings } from '../settings/settings-file';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description('create a project (if it does not exist) and make it the default one')
    .requiredOption('-p, --project <name>', 'project name (letters, digits, - _ .)')
    .option('-d, --description <text>', "the project's description")
    .option('--json', 'print the project as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace init --project my-django-app')
    .action(async (options: { project: string; description?: string; json?: boolean }) => {
      const api = context.api();
      let project: ProjectView;
      let created = true;
      try {
        project = await api.post<ProjectView>('/v1/projects', {
          key: options.project,
          ...(options.description ? { description: options.description } : {}),
        });
      } catch (error) {
        if (!(error instanceof CliError) || error.status !== 409) throw error;
        created = false;
        project = await api.get<ProjectView>(`/v1/projects/${encodeURIComponent(options.project)}`);
      }
      const stored = await readSettings(context.settingsFile);
      await writeSettings(context.settingsFile, { ...stored, defaultProject: project.key });
      if (options.json) {
        context.out(JSON.stringify({ created, project }, null, 2));
        return;
      }
      context.out(
        `${created ? 'created project' : 'project exists:'} ${context.style.bold(project.key)} (id ${project.id}, ${project.events} event(s)); it is now the default project`,
      );
      context.out(`next: schematrace scan <repository>`);
    });
}
