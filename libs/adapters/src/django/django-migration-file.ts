import type { Node } from 'web-tree-sitter';
import {
  dottedName,
  evaluateLiteral,
  expressions,
  type PythonScope,
} from '../python/python-literal';
import {
  firstSyntaxError,
  type PythonParser,
  type PythonSyntaxError,
} from '../python/python-parser';
import type { PyValue } from '../python/python-value';
import { functionFacts, type CodeFacts } from './django-run-python';

/** The `class Migration` of a file: its class attributes as literal values. */
export interface MigrationClass {
  readonly line: number;
  readonly attributes: ReadonlyMap<string, PyValue>;
  /** Functions defined in the file (module level or in the class), for RunPython's facts. */
  readonly functions: ReadonlyMap<string, CodeFacts>;
}

export type MigrationFileReading =
  | { readonly kind: 'migration'; readonly migration: MigrationClass }
  /** The grammar had to recover; `partial` holds what could still be read, for ordering only. */
  | {
      readonly kind: 'syntax-error';
      readonly error: PythonSyntaxError;
      readonly partial?: MigrationClass;
    }
  | { readonly kind: 'no-migration-class' };

/**
 * Django migration files live directly in an app's `migrations` package:
 * `<...>/<app>/migrations/<name>.py`, `__init__.py` excluded.
 */
export function migrationPathParts(path: string): { app: string; name: string } | undefined {
  const segments = path.split('/');
  const file = segments.at(-1) ?? '';
  if (segments.at(-2) !== 'migrations' || !file.endsWith('.py') || file === '__init__.py')
    return undefined;
  const name = file.slice(0, -'.py'.length);
  if (name.length === 0) return undefined;
  return { app: segments.at(-3) ?? '', name };
}

export function readMigrationFile(parser: PythonParser, content: string): MigrationFileReading {
  return parser.parse(content, (root) => {
    const error = firstSyntaxError(root);
    const classNode = findMigrationClass(root);
    if (error) {
      const partial = classNode && readClass(classNode, moduleScope(root), true);
      return { kind: 'syntax-error', error, ...(partial ? { partial } : {}) };
    }
    if (!classNode) return { kind: 'no-migration-class' };
    const migration = readClass(classNode, moduleScope(root), false);
    return {
      kind: 'migration',
      migration: { ...migration, functions: functionFacts(root, classNode) },
    };
  });
}

/** Cheap check used by `detect`: is there a `class Migration(migrations.Migration)` at all? */
export function hasMigrationClass(parser: PythonParser, content: string): boolean {
  return parser.parse(content, (root) => findMigrationClass(root) !== undefined);
}

function findMigrationClass(root: Node): Node | undefined {
  return expressions(root).find((node) => {
    if (node.type !== 'class_definition') return false;
    if (node.childForFieldName('name')?.text !== 'Migration') return false;
    const bases = node.childForFieldName('superclasses');
    return bases ? expressions(bases).some(isMigrationBase) : false;
  });
}

function isMigrationBase(node: Node): boolean {
  const name = dottedName(node);
  return (
    name === 'Migration' ||
    name === 'migrations.Migration' ||
    (name?.endsWith('.migrations.Migration') ?? false)
  );
}

/**
 * Module-level names bound to literals, in file order, so an operation may refer to them
 * (`operations = [migrations.RunSQL(FORWARDS)]`).
 */
function moduleScope(root: Node): PythonScope {
  const scope = new Map<string, PyValue>();
  for (const statement of expressions(root)) {
    const assignment = assignmentOf(statement);
    if (!assignment) continue;
    const value = evaluateLiteral(assignment.value, scope);
    if (value.type !== 'unknown') scope.set(assignment.name, value);
  }
  return scope;
}

function readClass(classNode: Node, moduleNames: PythonScope, skipBroken: boolean): MigrationClass {
  const attributes = new Map<string, PyValue>();
  // A class body sees the names it bound earlier (`operations = [... state_operations ...]`).
  const scope = new Map(moduleNames);
  const body = classNode.childForFieldName('body');
  for (const statement of body ? expressions(body) : []) {
    const assignment = assignmentOf(statement);
    if (!assignment || (skipBroken && statement.hasError)) continue;
    const value = evaluateLiteral(assignment.value, scope);
    attributes.set(assignment.name, value);
    if (value.type !== 'unknown') scope.set(assignment.name, value);
  }
  return { line: classNode.startPosition.row + 1, attributes, functions: new Map() };
}

function assignmentOf(statement: Node): { name: string; value: Node } | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  const assignment = expressions(statement)[0];
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return undefined;
  return { name: left.text, value: right };
}
