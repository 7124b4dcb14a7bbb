import type { EventDraft } from '@schematrace/contracts';
import type { Node } from 'web-tree-sitter';
import { evaluateLiteral, expressions, type PythonScope } from '../python/python-literal';
import { firstSyntaxError, type PythonParser } from '../python/python-parser';
import { asItems, asString, type PyValue } from '../python/python-value';
import type { SqlParser } from '../sql/sql-parser';
import { MIGRATION_TRANSACTION, RevisionEvents } from './alembic-events';
import { readUpgrade } from './alembic-upgrade';
import { readExpression } from './alembic-values';

/**
 * Where an Alembic revision file lives: any `.py` file (but `__init__.py`) below a `versions`
 * folder, e.g. `alembic/versions/1a2b3c_add_users.py` (`recursive_version_locations` allows
 * sub-folders). `folder` is the path of the versions folder's parent (`alembic`).
 */
export function revisionPathParts(path: string): { folder: string; stem: string } | undefined {
  const segments = path.split('/');
  const file = segments.at(-1) ?? '';
  if (!file.endsWith('.py') || file === '__init__.py') return undefined;
  const versions = segments.slice(0, -1).lastIndexOf('versions');
  if (versions < 0) return undefined;
  const stem = file.slice(0, -'.py'.length);
  if (stem.length === 0) return undefined;
  return { folder: segments.slice(0, versions).join('/'), stem };
}

/** The module-level identifiers of a revision, read from its literal assignments. */
export interface RevisionHeader {
  readonly revision?: string;
  /** `down_revision`: none for a base, one, or several for a merge. */
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  /** `Create Date:` of the docstring, as ISO 8601. */
  readonly createDate?: string;
  /** Line of the `revision =` assignment. */
  readonly line: number;
}

export type RevisionReading =
  | {
      readonly kind: 'revision';
      readonly header: RevisionHeader & { readonly revision: string };
      readonly events: readonly EventDraft[];
      readonly operationCount: number;
      /** `downgrade()` does something (not only `pass`, a docstring or a raise). */
      readonly reversible: boolean;
      /** Every statement of `upgrade()` ran in the migration's one transaction. */
      readonly transactional: boolean;
    }
  /** The file cannot be used; the header holds what could still be read, for ordering. */
  | {
      readonly kind: 'problem';
      readonly header: RevisionHeader;
      readonly problem: string;
      readonly line?: number;
    };

const EMPTY_HEADER: RevisionHeader = {
  downRevisions: [],
  branchLabels: [],
  dependsOn: [],
  line: 1,
};

/**
 * Parses a revision file: its identifiers, then the statements of `upgrade()` into events.
 * `downgrade()` is never read.
 */
export function readRevisionFile(
  parser: PythonParser,
  content: string,
  sqlParser: SqlParser,
): RevisionReading {
  return parser.parse(content, (root) => {
    const error = firstSyntaxError(root);
    const scope = moduleScope(root, error !== undefined);
    const header = readHeader(root, scope);
    if (error) {
      return {
        kind: 'problem',
        header: header.header,
        problem: `line ${error.line}: syntax error, ${error.description}`,
        line: error.line,
      };
    }
    if (header.problem) return { kind: 'problem', ...header.problem, header: header.header };
    const revision = header.header.revision;
    if (revision === undefined) {
      return { kind: 'problem', header: header.header, problem: "no revision = '...' found" };
    }
    const upgrade = upgradeFunction(root);
    const body = upgrade?.childForFieldName('body');
    if (!upgrade || !body) {
      return { kind: 'problem', header: header.header, problem: 'no upgrade() function found' };
    }
    const events = new RevisionEvents(sqlParser);
    readUpgrade(body, {
      moduleScope: scope,
      helpers: moduleFunctions(root),
      events,
      transaction: MIGRATION_TRANSACTION,
    });
    return {
      kind: 'revision',
      header: { ...header.header, revision },
      events: events.drafts,
      operationCount: events.operationCount,
      reversible: hasDowngrade(root),
      transactional: events.transactions.single,
    };
  });
}

/**
 * Cheap check used by `detect`: module-level `revision = '...'` and `down_revision = ...`, a
 * `def upgrade()`, and no Django `class Migration`.
 */
export function looksLikeRevision(parser: PythonParser, content: string): boolean {
  if (!content.includes('revision') || !content.includes('upgrade')) return false;
  return parser.parse(content, (root) => {
    const names = new Set<string>();
    let upgrade = false;
    for (const statement of expressions(root)) {
      const assignment = assignmentOf(statement);
      if (assignment) names.add(assignment.name);
      const definition = definitionOf(statement);
      if (definition?.type === 'function_definition') {
        upgrade ||= definition.childForFieldName('name')?.text === 'upgrade';
      }
      if (
        definition?.type === 'class_definition' &&
        definition.childForFieldName('name')?.text === 'Migration'
      ) {
        return false;
      }
    }
    return upgrade && names.has('revision') && names.has('down_revision');
  });
}

/** Module-level names bound to values, in file order (`SQL = "..."`, `t = sa.table(...)`). */
function moduleScope(root: Node, skipBroken: boolean): PythonScope {
  const scope = new Map<string, PyValue>();
  for (const statement of expressions(root)) {
    if (skipBroken && statement.hasError) continue;
    const assignment = assignmentOf(statement);
    if (!assignment) continue;
    const value = readExpression(assignment.value, scope);
    if (value.type !== 'unknown') scope.set(assignment.name, value);
  }
  return scope;
}

function readHeader(
  root: Node,
  scope: PythonScope,
): { header: RevisionHeader; problem?: { problem: string; line: number } } {
  const values = new Map<string, { value: PyValue; line: number }>();
  for (const statement of expressions(root)) {
    const assignment = assignmentOf(statement);
    if (!assignment || statement.hasError) continue;
    values.set(assignment.name, {
      value: evaluateLiteral(assignment.value, scope),
      line: statement.startPosition.row + 1,
    });
  }
  const revisionValue = values.get('revision');
  const revision = asString(revisionValue?.value);
  const downRevisions = revisionList(values.get('down_revision')?.value);
  const header: RevisionHeader = {
    ...EMPTY_HEADER,
    ...(revision ? { revision } : {}),
    downRevisions: downRevisions ?? [],
    branchLabels: revisionList(values.get('branch_labels')?.value) ?? [],
    dependsOn: revisionList(values.get('depends_on')?.value) ?? [],
    line: revisionValue?.line ?? 1,
    ...createDateOf(root),
  };
  if (revisionValue && !revision) {
    return {
      header,
      problem: {
        problem: `line ${revisionValue.line}: revision is not a literal string`,
        line: revisionValue.line,
      },
    };
  }
  const down = values.get('down_revision');
  if (revisionValue && !down)
    return { header, problem: { problem: 'no down_revision = ... found', line: header.line } };
  if (down && downRevisions === undefined) {
    return {
      header,
      problem: {
        problem: `line ${down.line}: down_revision is not None, a string or a tuple of strings`,
        line: down.line,
      },
    };
  }
  return { header };
}

/** `None`, `'abc'`, `('abc', 'def')`: undefined when it is none of these. */
function revisionList(value: PyValue | undefined): string[] | undefined {
  if (value === undefined || value.type === 'none') return [];
  if (value.type === 'str') return value.value.length > 0 ? [value.value] : [];
  const items = asItems(value);
  if (!items) return undefined;
  const strings = items.map(asString);
  return strings.every((item): item is string => item !== undefined) ? strings : undefined;
}

/**
 * `Create Date: 2024-01-15 09:30:12.345678` in the module docstring (Alembic's template). Alembic
 * writes the author's local time unless `timezone` is configured, which then adds the offset;
 * without an offset the time is taken as UTC. Fractions of a second are dropped.
 */
function createDateOf(root: Node): { createDate?: string } {
  const first = expressions(root)[0];
  const docstring = first?.type === 'expression_statement' ? expressions(first)[0] : undefined;
  if (!docstring || (docstring.type !== 'string' && docstring.type !== 'concatenated_string')) {
    return {};
  }
  const text = asString(evaluateLiteral(docstring));
  const match =
    text &&
    /Create Date:\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(
      text,
    );
  if (!match) return {};
  const offset = match[3] ?? 'Z';
  const zone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const iso = `${match[1]}T${match[2]}${zone}`;
  return Number.isNaN(Date.parse(iso)) ? {} : { createDate: iso };
}

/** The last module-level `def upgrade(...)`, as Python would bind it. */
function upgradeFunction(root: Node): Node | undefined {
  return moduleFunction(root, 'upgrade');
}

function moduleFunction(root: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (const statement of expressions(root)) {
    const definition = definitionOf(statement);
    if (
      definition?.type === 'function_definition' &&
      definition.childForFieldName('name')?.text === name
    ) {
      found = definition;
    }
  }
  return found;
}

/**
 * Can `alembic downgrade` undo the revision: a `downgrade()` whose body does something. A body of
 * only `pass`, `...`, a docstring, or one that starts by raising (`NotImplementedError`) cannot.
 */
function hasDowngrade(root: Node): boolean {
  const body = moduleFunction(root, 'downgrade')?.childForFieldName('body');
  if (!body) return false;
  for (const statement of expressions(body)) {
    if (statement.type === 'pass_statement') continue;
    if (statement.type === 'raise_statement') return false;
    if (statement.type === 'expression_statement') {
      const inner = expressions(statement)[0];
      if (inner && ['string', 'concatenated_string', 'ellipsis'].includes(inner.type)) continue;
    }
    return true;
  }
  return false;
}

/** Module-level functions: calls to them from `upgrade()` are helpers the adapter does not follow. */
function moduleFunctions(root: Node): Set<string> {
  const names = new Set<string>();
  for (const statement of expressions(root)) {
    const definition = definitionOf(statement);
    const name = definition?.childForFieldName('name')?.text;
    if (definition?.type === 'function_definition' && name) names.add(name);
  }
  return names;
}

function definitionOf(statement: Node): Node | undefined {
  if (statement.type === 'function_definition' || statement.type === 'class_definition') {
    return statement;
  }
  if (statement.type === 'decorated_definition') {
    return statement.childForFieldName('definition') ?? undefined;
  }
  return undefined;
}

/** `name = value` or `name: Type = value` at module level. */
function assignmentOf(statement: Node): { name: string; value: Node } | undefined {
  if (statement.type !== 'expression_statement') return undefined;
  const assignment = expressions(statement)[0];
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right) return undefined;
  return { name: left.text, value: right };
}
