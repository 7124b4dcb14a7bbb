import { Buffer } from 'node:buffer';

/** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * PostgreSQL's makeObjectName: `name1_name2_label`, shortening the longer of name1 and name2
 * (one character at a time) until the whole fits in 63 bytes.
 */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  let first = [...name1];
  let second = name2 === undefined ? [] : [...name2];
  const overhead = bytes(label) + 1 + (name2 === undefined ? 0 : 1);
  const available = MAX_IDENTIFIER_BYTES - overhead;
  while (bytes(first.join('')) + bytes(second.join('')) > available) {
    if (bytes(first.join('')) > bytes(second.join(''))) first = first.slice(0, -1);
    else second = second.slice(0, -1);
  }
  const parts = [first.join(''), ...(name2 === undefined ? [] : [second.join('')]), label];
  return parts.join('_');
}

/** Column names joined as ChooseIndexColumnNames and ChooseForeignKeyConstraintNameAddition do. */
function columnsPart(columns: readonly string[]): string | undefined {
  return columns.length === 0 ? undefined : columns.join('_');
}

/**
 * The names PostgreSQL gives unnamed constraints and indexes inside one statement. A name already
 * chosen in the statement gets a number (`t_check1`), as ChooseConstraintName does; names of
 * objects created by earlier statements cannot be seen from a single file and are not avoided.
 */
export class GeneratedNames {
  private readonly taken = new Set<string>();

  /** Records a name written in the statement, so generated ones avoid it. */
  reserve(name: string): string {
    this.taken.add(name);
    return name;
  }

  private choose(name1: string, name2: string | undefined, label: string): string {
    let candidate = makeObjectName(name1, name2, label);
    for (let pass = 1; this.taken.has(candidate); pass++) {
      candidate = makeObjectName(name1, name2, `${label}${pass}`);
    }
    return this.reserve(candidate);
  }

  primaryKey(table: string): string {
    return this.choose(table, undefined, 'pkey');
  }

  unique(table: string, columns: readonly string[]): string {
    return this.choose(table, columnsPart(columns), 'key');
  }

  /** A CHECK names its column when it references exactly one, else only the table. */
  check(table: string, referencedColumns: readonly string[]): string {
    const distinct = [...new Set(referencedColumns)];
    return this.choose(table, distinct.length === 1 ? distinct[0] : undefined, 'check');
  }

  foreignKey(table: string, columns: readonly string[]): string {
    return this.choose(table, columnsPart(columns), 'fkey');
  }

  exclusion(table: string, columns: readonly string[]): string {
    return this.choose(table, columnsPart(columns), 'excl');
  }

  /** `CREATE INDEX ON t (...)`: expressions count as `expr`. */
  index(table: string, columns: readonly string[]): string {
    return this.choose(table, columnsPart(columns), 'idx');
  }
}

/** The sequence a serial column owns: `table_column_seq`. */
export function serialSequenceName(table: string, column: string): string {
  return makeObjectName(table, column, 'seq');
}

/** Index column names made distinct as ChooseIndexColumnNames does: `lower`, `lower1`. */
export function distinctColumnNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let pass = 1; used.has(candidate); pass++) candidate = `${name}${pass}`;
    used.add(candidate);
    return candidate;
  });
}
