/**
 * What little the adapter reads inside SQL snippets (server defaults, CHECK conditions): which
 * functions a default calls, and which columns a CHECK refers to. Not a SQL parser: string
 * literals and casts are set aside, then identifiers are looked at.
 */

export type Volatility = 'immutable' | 'stable' | 'volatile' | 'unknown';

/** Functions whose result changes from one row to the next (pg_proc `provolatile = 'v'`). */
const VOLATILE_FUNCTIONS = new Set([
  'random',
  'gen_random_uuid',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuidv4',
  'uuidv7',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'setval',
]);

/** Fixed within a statement or transaction (`provolatile = 's'`), including the SQL keywords. */
const STABLE_FUNCTIONS = new Set([
  'now',
  'transaction_timestamp',
  'statement_timestamp',
  'current_timestamp',
  'current_date',
  'current_time',
  'localtimestamp',
  'localtime',
  'current_setting',
  'current_user',
  'session_user',
  'current_schema',
  'to_char',
  'to_timestamp',
]);

/** The SQL keywords among them, which are written without parentheses. */
const STABLE_KEYWORDS = new Set([
  'current_timestamp',
  'current_date',
  'current_time',
  'localtimestamp',
  'localtime',
  'current_user',
  'session_user',
  'current_schema',
]);

/** Immutable functions and type names that look like calls (`varchar(10)` inside a CAST). */
const IMMUTABLE_FUNCTIONS = new Set([
  'cast',
  'coalesce',
  'nullif',
  'greatest',
  'least',
  'lower',
  'upper',
  'abs',
  'round',
  'trim',
  'array',
  'varchar',
  'char',
  'character',
  'numeric',
  'decimal',
  'timestamp',
  'time',
  'interval',
  'bit',
]);

const SQL_KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'is',
  'null',
  'true',
  'false',
  'in',
  'like',
  'ilike',
  'similar',
  'to',
  'between',
  'symmetric',
  'case',
  'when',
  'then',
  'else',
  'end',
  'any',
  'all',
  'some',
  'as',
  'distinct',
  'from',
  'escape',
  'collate',
  'at',
  'time',
  'zone',
  'interval',
  'array',
  'exists',
  'row',
  'unknown',
  'user',
  'with',
  'without',
  'varying',
  'precision',
  // Type names of `CAST(x AS integer)`.
  'integer',
  'int',
  'bigint',
  'smallint',
  'text',
  'boolean',
  'date',
  'timestamptz',
  'double',
  'real',
  'numeric',
  'varchar',
  'jsonb',
  'json',
  'uuid',
  ...STABLE_KEYWORDS,
]);

/** The expression with string literals emptied and `::type` casts removed. */
function withoutLiteralsAndCasts(expression: string): string {
  return expression
    .replace(/[eE]?'(?:[^']|'')*'/g, "''")
    .replace(
      /::\s*"?[a-z_][a-z0-9_]*"?(?:\s+(?:with|without)\s+time\s+zone|\s+precision|\s+varying)?(?:\s*\([^)]*\))?(?:\s*\[\s*\])*/gi,
      '',
    );
}

/** How often PostgreSQL evaluates a default expression anew, from the functions it calls. */
export function volatilityOf(expression: string): Volatility {
  const text = withoutLiteralsAndCasts(expression).toLowerCase();
  let volatile = false;
  let unknown = false;
  let stable = false;
  for (const match of text.matchAll(/([a-z_][a-z0-9_$.]*)\s*(\()?/g)) {
    const name = match[1]!.split('.').at(-1)!;
    const called = match[2] !== undefined;
    if (VOLATILE_FUNCTIONS.has(name)) volatile = true;
    else if (STABLE_FUNCTIONS.has(name) && (called || STABLE_KEYWORDS.has(name))) stable = true;
    else if (called && !IMMUTABLE_FUNCTIONS.has(name)) unknown = true;
  }
  if (volatile) return 'volatile';
  if (unknown) return 'unknown';
  return stable ? 'stable' : 'immutable';
}

/**
 * The columns a CHECK condition refers to: identifiers that are not keywords or functions, in
 * order of appearance, restricted to `known` when the table's columns are known.
 */
export function referencedColumns(expression: string, known?: readonly string[]): string[] {
  const text = withoutLiteralsAndCasts(expression);
  const found: string[] = [];
  for (const match of text.matchAll(
    /"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)(\s*\()?(\s*\.)?/g,
  )) {
    const quoted = match[1];
    if (quoted === undefined && (match[3] !== undefined || match[4] !== undefined)) continue;
    const name = quoted !== undefined ? quoted.replaceAll('""', '"') : match[2]!;
    if (quoted === undefined && (SQL_KEYWORDS.has(name.toLowerCase()) || /^\d/.test(name))) {
      continue;
    }
    const column = quoted !== undefined ? name : name.toLowerCase();
    if (known && !known.includes(column) && !known.includes(name)) continue;
    const resolved = known?.includes(name) ? name : column;
    if (!found.includes(resolved)) found.push(resolved);
  }
  return found;
}

/**
 * A constant written as SQL: a quoted string, a number, a boolean. Undefined for an expression.
 * `NULL` is reported as null.
 */
export function sqlConstant(expression: string): string | null | undefined {
  const text = expression.trim();
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return quoted[1]!.replaceAll("''", "'");
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) return text;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase();
  if (/^null$/i.test(text)) return null;
  return undefined;
}
