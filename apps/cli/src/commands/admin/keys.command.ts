import type { Command } from 'commander';
import {
  ApiKeyScope,
  type ApiKeyView,
  type CreateApiKeyRequest,
  type CreatedApiKey,
} from '@schematrace/contracts';
import { CliError } from '../../api-client';
import type { CliContext } from '../../cli-context';
import { renderTable } from '../../output/table';
import { oneOf } from '../option-values';
import { shortTime } from './short-time';

export function registerKeys(admin: Command, context: CliContext): void {
  const keys = admin
    .command('keys')
    .description('create, list and revoke API keys (needs an admin key once any key exists)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ schematrace admin keys create --scope write --project shop --label ci\n  $ schematrace admin keys list',
    );

  keys
    .command('create')
    .description('create an API key; the key itself is printed this once and never again')
    .requiredOption('--scope <scope>', `what the key may do: ${ApiKeyScope.options.join(', ')}`)
    .option('-p, --project <name>', 'limit the key to one project (not for admin keys)')
    .option('--label <text>', 'a note saying who or what the key is for')
    .option('--json', 'print the created key as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  $ schematrace admin keys create --scope read --project shop --label dashboard',
    )
    .action(
      async (options: { scope: string; project?: string; label?: string; json?: boolean }) => {
        const scope = oneOf('--scope', options.scope, ApiKeyScope.options);
        if (scope === 'admin' && options.project)
          throw new CliError('an admin key cannot be limited to one project: drop --project', 2);
        const request: CreateApiKeyRequest = {
          scope,
          ...(options.project ? { project: options.project } : {}),
          ...(options.label ? { label: options.label } : {}),
        };
        const created = await context.api().post<CreatedApiKey>('/v1/api-keys', request);
        if (options.json) {
          context.out(JSON.stringify(created, null, 2));
          return;
        }
        context.out(`created ${describeKey(created)}: ${created.id}`);
        context.out('');
        context.out(`  ${context.style.bold(created.key)}`);
        context.out('');
        // Only a hash is stored: a lost key cannot be shown again, only revoked and replaced.
        context.err('Store this key now: it is not shown again.');
      },
    );

  keys
    .command('list')
    .description('list every API key, revoked ones too (never the keys themselves)')
    .option('--json', 'print the keys as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace admin keys list')
    .action(async (options: { json?: boolean }) => {
      const listed = await context.api().get<ApiKeyView[]>('/v1/api-keys');
      if (options.json) {
        context.out(JSON.stringify(listed, null, 2));
        return;
      }
      if (listed.length === 0) {
        context.out('no API keys: the API is open to anyone who can reach it');
        return;
      }
      context.out(
        renderTable(
          [
            { heading: 'ID', value: (key: ApiKeyView) => key.id },
            { heading: 'SCOPE', value: (key) => key.scope },
            { heading: 'PROJECT', value: (key) => key.project ?? '(all)' },
            { heading: 'CREATED', value: (key) => shortTime(key.createdAt) },
            {
              heading: 'STATUS',
              value: (key) => (key.revokedAt ? `revoked ${shortTime(key.revokedAt)}` : 'active'),
              style: (text, key) => (key.revokedAt ? context.style.dim(text) : text),
            },
            { heading: 'LABEL', value: (key) => key.label ?? '' },
          ],
          listed,
          context.style.bold,
        ),
      );
    });

  keys
    .command('revoke')
    .description('revoke an API key: requests with it are refused from now on')
    .argument('<id>', 'the key id, as keys list shows it')
    .option('--json', 'print the revoked key as JSON')
    .addHelpText('after', '\nExample:\n  $ schematrace admin keys revoke 3f9c1a2b7d4e')
    .action(async (id: string, options: { json?: boolean }) => {
      const revoked = await context
        .api()
        .delete<ApiKeyView>(`/v1/api-keys/${encodeURIComponent(id)}`);
      context.out(
        options.json
          ? JSON.stringify(revoked, null, 2)
          : `revoked ${describeKey(revoked)}: ${revoked.id}`,
      );
    });
}

/** "read key for project shop (ci)", in the words an operator chose. */
function describeKey(key: ApiKeyView): string {
  const reach = key.project
    ? ` for project ${key.project}`
    : key.scope === 'admin'
      ? ''
      : ' for every project';
  return `${key.scope} key${reach}${key.label ? ` (${key.label})` : ''}`;
}
