import { isToken, type SqlSource, type SqlToken, type TokenRange } from './sql-source';

/*
 * The raw parse tree keeps where each node starts but not where it ends, and libpg-query's
 * WebAssembly build has no deparser. The text of an expression (a CHECK, a DEFAULT, an index
 * predicate) is therefore recovered from the tokens: from the leftmost node to the rightmost one,
 * widened to close the brackets and CASE ... END it opened and to take the trailing words some
 * nodes do not point at (`IS NOT NULL`, `double precision`, the `()` of `now()`).
 */

function opens(token: SqlToken | undefined): boolean {
  return token?.text === '(' || token?.text === '[' || isToken(token, 'CASE');
}

function closes(token: SqlToken | undefined): boolean {
  return token?.text === ')' || token?.text === ']' || isToken(token, 'END');
}

/** Index of the token closing the bracket opened at `open`, or `limit` if it is not closed. */
export function closingOf(source: SqlSource, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i <= limit; i++) {
    const token = source.tokens[i];
    if (opens(token)) depth++;
    else if (closes(token) && --depth === 0) return i;
  }
  return limit;
}

function unmatchedOpenerBefore(
  source: SqlSource,
  index: number,
  floor: number,
): number | undefined {
  let depth = 0;
  for (let i = index; i >= floor; i--) {
    const token = source.tokens[i];
    if (closes(token)) depth++;
    else if (opens(token)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/**
 * The tokens of a type name starting at `start`: qualified names, multi-word spellings
 * (`double precision`, `timestamp(3) with time zone`, `interval day to second`), type modifiers
 * and array brackets.
 */
export function typeNameSpan(source: SqlSource, start: number, within: TokenRange): TokenRange {
  const tokens = source.tokens;
  const interval = isToken(tokens[start], 'INTERVAL');
  let last = start;
  for (;;) {
    const next = tokens[last + 1];
    if (last + 1 > within.last || !next) break;
    if (next.text === '.' && last + 2 <= within.last) last += 2;
    else if (isToken(next, 'PRECISION', 'VARYING', 'ARRAY')) last++;
    else if (isToken(tokens[last], 'NATIONAL') && isToken(next, 'CHARACTER', 'CHAR')) last++;
    else if (
      isToken(next, 'WITH', 'WITHOUT') &&
      isToken(tokens[last + 2], 'TIME') &&
      isToken(tokens[last + 3], 'ZONE')
    )
      last += 3;
    else if (next.text === '(' || next.text === '[')
      last = closingOf(source, last + 1, within.last);
    else if (interval && isToken(next, 'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'TO'))
      last++;
    else if (next.text === '%' && isToken(tokens[last + 2], 'TYPE')) last += 2;
    else break;
  }
  return { first: start, last: Math.min(last, within.last) };
}

/** `x IS [NOT] NULL` points at `IS`; the test's last word comes up to three tokens later. */
function postfixEnd(source: SqlSource, at: number, within: TokenRange): number {
  if (isToken(source.tokens[at], 'ISNULL', 'NOTNULL')) return at;
  for (let i = at + 1; i <= Math.min(at + 3, within.last); i++) {
    if (isToken(source.tokens[i], 'NULL', 'TRUE', 'FALSE', 'UNKNOWN')) return i;
  }
  return at;
}

/** A call points at its (possibly qualified) name; its argument list follows. */
function callEnd(source: SqlSource, at: number, within: TokenRange): number {
  let last = at;
  while (source.tokens[last + 1]?.text === '.' && last + 2 <= within.last) last += 2;
  return source.tokens[last + 1]?.text === '(' && last + 1 <= within.last
    ? closingOf(source, last + 1, within.last)
    : last;
}

/** `COLLATE` points at the keyword; the (possibly qualified) collation name follows. */
function collationEnd(source: SqlSource, at: number, within: TokenRange): number {
  let last = at + 1;
  while (source.tokens[last + 1]?.text === '.' && last + 2 <= within.last) last += 2;
  return Math.min(last, within.last);
}

interface Extent {
  first: number;
  last: number;
}

function collect(source: SqlSource, value: unknown, within: TokenRange, extent: Extent): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(source, item, within, extent);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const include = (index: number) => {
    extent.first = Math.min(extent.first, index);
    extent.last = Math.max(extent.last, index);
  };
  for (const [key, child] of Object.entries(value)) {
    if (key === 'location') {
      const at = typeof child === 'number' && child >= 0 ? source.tokenAt(child) : undefined;
      if (at !== undefined && at >= within.first && at <= within.last) include(at);
      continue;
    }
    if (child && typeof child === 'object' && !Array.isArray(child)) {
      const location = (child as { location?: unknown }).location;
      const at =
        typeof location === 'number' && location >= 0 ? source.tokenAt(location) : undefined;
      if (at !== undefined && at >= within.first && at <= within.last) {
        if (key === 'TypeName' || key === 'typeName')
          include(typeNameSpan(source, at, within).last);
        else if (key === 'NullTest' || key === 'BooleanTest')
          include(postfixEnd(source, at, within));
        else if (key === 'FuncCall' || key === 'SQLValueFunction')
          include(callEnd(source, at, within));
        else if (key === 'CollateClause') include(collationEnd(source, at, within));
      }
    }
    collect(source, child, within, extent);
  }
}

/** The tokens a parse-tree node was written with, inside the statement's tokens `within`. */
export function nodeSpan(
  source: SqlSource,
  node: unknown,
  within: TokenRange,
): TokenRange | undefined {
  const extent: Extent = { first: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY };
  collect(source, node, within, extent);
  if (!Number.isFinite(extent.first)) return undefined;
  let { first, last } = extent;
  let depth = 0;
  for (let i = first; i <= last; i++) {
    const token = source.tokens[i];
    if (opens(token)) depth++;
    else if (closes(token)) {
      if (depth > 0) depth--;
      else {
        // A bracket closed before it opened: the expression began with `(`.
        const open = unmatchedOpenerBefore(source, first - 1, within.first);
        if (open !== undefined) first = open;
      }
    }
  }
  while (depth > 0 && last < within.last) {
    last++;
    const token = source.tokens[last];
    if (opens(token)) depth++;
    else if (closes(token)) depth--;
  }
  return { first, last };
}

/** An expression as written, with comments dropped and whitespace runs made single spaces. */
export function expressionText(
  source: SqlSource,
  node: unknown,
  within: TokenRange,
): string | undefined {
  const span = nodeSpan(source, node, within);
  return span ? source.spelled(span) : undefined;
}

/**
 * The query of `CREATE [MATERIALIZED] VIEW ... AS query` and `CREATE TABLE ... AS query`: the
 * tokens after the first `AS` outside brackets that follows `from`, without a trailing
 * `WITH [CASCADED | LOCAL] CHECK OPTION` or `WITH [NO] DATA`.
 */
export function queryAfterAs(
  source: SqlSource,
  from: number,
  within: TokenRange,
): TokenRange | undefined {
  let depth = 0;
  let as: number | undefined;
  for (let i = from; i <= within.last; i++) {
    const token = source.tokens[i];
    if (opens(token)) depth++;
    else if (closes(token)) depth--;
    else if (depth === 0 && isToken(token, 'AS')) {
      as = i;
      break;
    }
  }
  if (as === undefined || as === within.last) return undefined;
  let last = within.last;
  const token = (index: number) => source.tokens[index];
  if (isToken(token(last), 'OPTION') && isToken(token(last - 1), 'CHECK')) {
    let k = last - 2;
    if (isToken(token(k), 'CASCADED', 'LOCAL')) k--;
    if (isToken(token(k), 'WITH')) last = k - 1;
  } else if (isToken(token(last), 'DATA')) {
    let k = last - 1;
    if (isToken(token(k), 'NO')) k--;
    if (isToken(token(k), 'WITH')) last = k - 1;
  }
  return last > as ? { first: as + 1, last } : undefined;
}

/** Words that start a clause rather than name the statement (`GRANT SELECT ON ...`). */
const CLAUSE_WORDS = ['IF', 'ON', 'TO', 'FROM', 'AS', 'INTO', 'WITH', 'USING'];

/**
 * The statement's leading keywords, e.g. `CREATE OR REPLACE FUNCTION` or `GRANT`: how reasons
 * name a statement the adapter does not map.
 */
export function leadingKeywords(source: SqlSource, range: TokenRange): string {
  const words: string[] = [];
  for (let i = range.first; i <= range.last && words.length < 4; i++) {
    const token = source.tokens[i];
    if (!token?.keyword || isToken(token, ...CLAUSE_WORDS)) break;
    words.push(token.text.toUpperCase());
  }
  return words.join(' ') || source.tokens[range.first]?.text.toUpperCase() || 'statement';
}
