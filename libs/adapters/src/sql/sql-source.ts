import { Buffer } from 'node:buffer';

/** One lexical token of the SQL text (comments are left out). Offsets are UTF-8 byte offsets. */
export interface SqlToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A keyword (reserved or not) as opposed to an identifier, literal or punctuation. */
  readonly keyword: boolean;
}

/** The tokens scanned from a text, as libpg-query's scanner reports them. */
export interface ScannedToken {
  readonly start: number;
  readonly end: number;
  readonly tokenName: string;
  readonly keywordKind: number;
}

/** First and last token (inclusive) of a statement or of an expression inside it. */
export interface TokenRange {
  readonly first: number;
  readonly last: number;
}

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/**
 * A SQL file as PostgreSQL's parser sees it. Parse-tree locations are byte offsets into the UTF-8
 * encoding, so the text is kept as bytes too; lines and spellings are recovered from there.
 */
export class SqlSource {
  readonly tokens: readonly SqlToken[];
  /** The comments (line and block comments), in text order: where suppression directives live. */
  readonly comments: readonly SqlToken[];
  private readonly bytes: Buffer;
  private readonly lineStarts: readonly number[];

  constructor(
    readonly text: string,
    scanned: readonly ScannedToken[],
  ) {
    this.bytes = Buffer.from(text, 'utf8');
    const read = (token: ScannedToken): SqlToken => ({
      start: token.start,
      end: token.end,
      text: this.bytes.toString('utf8', token.start, token.end),
      keyword: token.keywordKind > 0,
    });
    this.tokens = scanned.filter((token) => !COMMENT_TOKENS.has(token.tokenName)).map(read);
    this.comments = scanned.filter((token) => COMMENT_TOKENS.has(token.tokenName)).map(read);
    const starts = [0];
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get byteLength(): number {
    return this.bytes.length;
  }

  /** 1-based line of a byte offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** Index of the first token that starts at or after `offset` (tokens.length if none). */
  firstTokenFrom(offset: number): number {
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.tokens[middle]!.start < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the token covering `offset`, or undefined between tokens. */
  tokenAt(offset: number): number | undefined {
    const next = this.firstTokenFrom(offset);
    if (this.tokens[next]?.start === offset) return next;
    const previous = this.tokens[next - 1];
    return previous && previous.end > offset ? next - 1 : undefined;
  }

  /** The source exactly as written between two byte offsets. */
  original(start: number, end: number): string {
    return this.bytes.toString('utf8', start, end);
  }

  /** The source of tokens first..last, as written. */
  originalOf(range: TokenRange): string {
    const first = this.tokens[range.first];
    const last = this.tokens[range.last];
    return first && last ? this.original(first.start, last.end) : '';
  }

  /**
   * Tokens first..last with comments dropped and every run of whitespace made one space: a
   * stable spelling of an expression however it was laid out.
   */
  spelled(range: TokenRange): string {
    let text = '';
    for (let i = range.first; i <= range.last; i++) {
      const token = this.tokens[i];
      if (!token) break;
      const previous = this.tokens[i - 1];
      if (i > range.first && previous && token.start > previous.end) text += ' ';
      text += token.text;
    }
    return text;
  }
}

/** Is the token this keyword or punctuation (case-insensitive; quoted identifiers never are)? */
export function isToken(token: SqlToken | undefined, ...words: string[]): boolean {
  if (!token || token.text.startsWith('"')) return false;
  const upper = token.text.toUpperCase();
  return words.includes(upper);
}
