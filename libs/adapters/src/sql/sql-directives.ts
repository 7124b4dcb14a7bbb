import type { SqlSource, SqlToken } from './sql-source';

/*
 * Suppression comments of SQL migration linters: the author accepted a risk for a statement.
 *
 * - Squawk: `-- squawk-ignore rule-a, rule-b` applies to the next statement;
 *   `-- squawk-ignore-file [rule-a, ...]` to every statement of the file.
 * - Atlas: `-- atlas:nolint [DS103 MF101]` applies to the next statement; written before the
 *   first statement and separated from it by an empty line, to the whole file.
 *
 * The ids are kept verbatim (they are the linter's rule names, not this project's); a directive
 * without ids acknowledges everything (`*`).
 */

interface Directive {
  readonly ids: readonly string[];
  readonly scope: 'statement' | 'file';
  readonly end: number;
}

const SQUAWK_FILE = /^squawk-ignore-file\b(.*)$/s;
const SQUAWK = /^squawk-ignore\b(.*)$/s;
const ATLAS = /^atlas:nolint\b(.*)$/s;

function commentBody(comment: SqlToken): string {
  const text = comment.text;
  if (text.startsWith('--')) return text.slice(2).trim();
  return text.replace(/^\/\*/, '').replace(/\*\/$/, '').trim();
}

function idsOf(list: string): string[] {
  const ids = list.split(/[\s,]+/).filter((id) => id.length > 0);
  return ids.length > 0 ? ids : ['*'];
}

function directiveOf(
  source: SqlSource,
  comment: SqlToken,
  firstStatementStart: number | undefined,
): Directive | undefined {
  const body = commentBody(comment);
  const squawkFile = SQUAWK_FILE.exec(body);
  if (squawkFile) return { ids: idsOf(squawkFile[1]!), scope: 'file', end: comment.end };
  const squawk = SQUAWK.exec(body);
  if (squawk) return { ids: idsOf(squawk[1]!), scope: 'statement', end: comment.end };
  const atlas = ATLAS.exec(body);
  if (!atlas) return undefined;
  const beforeFirst = firstStatementStart !== undefined && comment.end <= firstStatementStart;
  const gap = beforeFirst ? source.original(comment.end, firstStatementStart) : '';
  const fileWide = beforeFirst && /\n[ \t\r]*\n/.test(gap);
  return { ids: idsOf(atlas[1]!), scope: fileWide ? 'file' : 'statement', end: comment.end };
}

function merge(into: string[], ids: readonly string[]): void {
  for (const id of ids) if (!into.includes(id)) into.push(id);
}

/**
 * The rule ids acknowledged for each statement (given by the byte offset where it starts, in
 * order), or undefined for a statement no directive covers.
 */
export function acknowledgedRules(
  source: SqlSource,
  statementStarts: readonly number[],
): (string[] | undefined)[] {
  const directives = source.comments.flatMap((comment) => {
    const directive = directiveOf(source, comment, statementStarts[0]);
    return directive ? [directive] : [];
  });
  if (directives.length === 0) return statementStarts.map(() => undefined);
  const fileWide: string[] = [];
  for (const directive of directives) {
    if (directive.scope === 'file') merge(fileWide, directive.ids);
  }
  const perStatement = statementStarts.map(() => [...fileWide]);
  for (const directive of directives) {
    if (directive.scope !== 'statement') continue;
    const next = statementStarts.findIndex((start) => start >= directive.end);
    if (next >= 0) merge(perStatement[next]!, directive.ids);
  }
  return perStatement.map((ids) =>
    ids.length > 0 ? (ids.includes('*') ? ['*'] : ids) : undefined,
  );
}
