import type { DraftPayload, StatementKind } from './sql-events';
import type { SqlParser } from './sql-parser';
import { eventsOfParsedSql, statementRange, type SqlContext } from './sql-statements';

/**
 * One event of SQL held by another migration format (Django's `RunSQL`, Alembic's `op.execute`),
 * with its statement context: the host adapter gives it the host operation's opIndex and the next
 * subIndex.
 */
export type EmbeddedSqlEvent = {
  [K in StatementKind]: { readonly kind: K; readonly payload: DraftPayload<K> };
}[StatementKind];

/**
 * The events of SQL embedded in another migration file, in order, as `sqlToEvents` reads it. Nothing
 * is lost when the SQL adapter cannot follow: a text PostgreSQL's parser refuses is one
 * `sql.executed` with the whole text and the parser's message, and a statement the SQL adapter
 * could not interpret is a `sql.executed` with that statement and why. An empty text (or only
 * comments) yields nothing.
 */
export function embeddedSqlEvents(
  parser: SqlParser,
  sql: string,
  context: SqlContext,
): EmbeddedSqlEvent[] {
  const firstLine = context.firstLine ?? 1;
  const parsed = parser.parse(sql);
  const placement = () =>
    context.transactions?.statement(context.transaction) ?? { ...context.transaction };
  if (parsed.kind === 'syntax-error') {
    const { line, message } = parsed.error;
    const where = line === undefined ? '' : `line ${line + firstLine - 1}: `;
    return [
      {
        kind: 'sql.executed',
        payload: {
          statement: sql.trim(),
          reason: `the SQL does not parse: ${where}${message}`,
          context: { ...placement(), line: firstLine + leadingLineBreaks(sql) },
        },
      },
    ];
  }
  return eventsOfParsedSql(parsed, context).map((draft): EmbeddedSqlEvent => {
    if (draft.kind !== 'migration.unparsed') {
      const { opIndex: _opIndex, subIndex: _subIndex, ...event } = draft;
      return event as EmbeddedSqlEvent;
    }
    // The SQL adapter gave up on one statement (its opIndex): keep that statement as written.
    const raw = parsed.statements[draft.opIndex];
    const statement = raw
      ? parsed.source.originalOf(statementRange(parsed.source, raw))
      : sql.trim();
    const line = draft.payload.line ?? firstLine;
    return {
      kind: 'sql.executed',
      payload: {
        statement,
        reason: draft.payload.reason,
        context: { ...placement(), line },
      },
    };
  });
}

/** Line breaks before the text's first non-blank character. */
function leadingLineBreaks(sql: string): number {
  const blank = /^\s*/.exec(sql)?.[0] ?? '';
  return blank.split('\n').length - 1;
}
