import { Command } from 'commander';
import { COMMANDS, runCli } from './cli';
import { createContext } from './cli-context';

/** Every verb and sub-verb, as the words a user types. */
function verbPaths(): string[][] {
  const program = new Command('schematrace');
  const context = createContext({}, { out: () => undefined, err: () => undefined });
  for (const register of COMMANDS) register(program, context);
  const paths: string[][] = [];
  const walk = (command: Command, path: string[]) => {
    if (path.length > 0) paths.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return paths;
}

async function help(path: readonly string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runCli([...path, '--help'], {
    env: { SCHEMATRACE_CONFIG: '/nonexistent/schematrace/config.json' },
    out: (chunk) => (text += chunk),
    err: (chunk) => (text += chunk),
  });
  return { code, text };
}

describe('--help', () => {
  const paths = verbPaths();

  it('finds the original verbs and the newer ones', () => {
    const verbs = paths.map((path) => path.join(' '));
    for (const verb of ['config', 'init', 'scan', 'projects', 'models', 'events', 'open'])
      expect(verbs).toContain(verb);
    for (const verb of ['at', 'diff', 'history', 'risks', 'explain', 'analyze', 'admin rebuild'])
      expect(verbs).toContain(verb);
  });

  it.each(paths.map((path) => [path.join(' '), path] as const))(
    '%s explains itself with an example',
    async (_verb, path) => {
      const { code, text } = await help(path);

      expect(code).toBe(0);
      expect(text).toContain(`Usage: schematrace ${path.join(' ')}`);
      expect(text).toMatch(/Examples?:\n {2}\$ schematrace /);
    },
  );

  it.each(
    paths
      .filter((path) => !['admin', 'admin keys', 'admin dead-letters'].includes(path.join(' ')))
      .map((path) => [path.join(' '), path] as const),
  )('%s offers --json (or --format json)', async (_verb, path) => {
    expect((await help(path)).text).toMatch(/--json|--format <format>/);
  });
});
