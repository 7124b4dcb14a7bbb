import { hasSqlDetails, loadModule, parseSync, scanSync, type RawStmt } from 'libpg-query';
import { SqlSource } from './sql-source';

/** Where PostgreSQL's parser gave up on a text. */
export interface SqlSyntaxError {
  /** 1-based; absent when the parser did not say where. */
  readonly line?: number;
  readonly column?: number;
  /** The parser's own message, e.g. `syntax error at or near ","`. */
  readonly message: string;
}

export type SqlParse =
  | {
      readonly kind: 'parsed';
      readonly source: SqlSource;
      readonly statements: readonly RawStmt[];
    }
  | { readonly kind: 'syntax-error'; readonly error: SqlSyntaxError };

/** PostgreSQL's own parser (libpg_query compiled to WebAssembly): parses, never executes. */
export interface SqlParser {
  /** Parses a whole text; a syntax error anywhere in it is reported instead of statements. */
  parse(sql: string): SqlParse;
}

let loading: Promise<SqlParser> | undefined;

/**
 * Loads the parser's WebAssembly once per process. Loading is asynchronous; every parse after it
 * is synchronous.
 */
export function loadSqlParser(): Promise<SqlParser> {
  loading ??= loadModule()
    .then(() => ({ parse }))
    .catch((error: unknown) => {
      // Let a later caller retry instead of caching the failure forever.
      loading = undefined;
      throw error;
    });
  return loading;
}

function parse(text: string): SqlParse {
  // Editors on Windows start files with a byte-order mark; runners skip it, the grammar would not.
  const sql = text.startsWith('\ufeff') ? ` ${text.slice(1)}` : text;
  // The parser reads a C string: a NUL byte would silently end the text there.
  const nul = sql.indexOf('\u0000');
  if (nul >= 0) {
    return {
      kind: 'syntax-error',
      error: {
        line: sql.slice(0, nul).split('\n').length,
        message: 'the text contains a NUL byte: not SQL',
      },
    };
  }
  if (sql.trim() === '') return { kind: 'parsed', source: new SqlSource(sql, []), statements: [] };
  let statements: RawStmt[];
  try {
    statements = parseSync(sql).stmts ?? [];
  } catch (error: unknown) {
    if (hasSqlDetails(error) && error.sqlDetails) {
      return {
        kind: 'syntax-error',
        error: { ...positionOf(sql, error.sqlDetails.cursorPosition), message: error.message },
      };
    }
    return {
      kind: 'syntax-error',
      error: { message: error instanceof Error ? error.message : String(error) },
    };
  }
  // The scanner reports through JSON that control characters would break; a space of the same
  // byte length keeps every offset where it was.
  const scannable = Array.from(sql, (character) =>
    character < ' ' && character !== '\n' && character !== '\t' && character !== '\r'
      ? ' '
      : character,
  ).join('');
  return {
    kind: 'parsed',
    source: new SqlSource(sql, scanSync(scannable).tokens),
    statements,
  };
}

/** The parser's cursor counts characters (code points) from 0. */
function positionOf(sql: string, cursor: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let index = 0;
  for (const character of sql) {
    if (index >= cursor) break;
    if (character === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    index++;
  }
  return { line, column };
}
