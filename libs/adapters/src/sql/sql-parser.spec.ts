import { loadSqlParser } from './sql-parser';

describe('sql parser', () => {
  it('given two loads, when awaited, then the parser is loaded once and shared', async () => {
    expect(await loadSqlParser()).toBe(await loadSqlParser());
  });

  it('given statements, when parsed, then each is a raw statement and comments are not tokens', async () => {
    const parser = await loadSqlParser();
    const parsed = parser.parse('-- note\nCREATE TABLE t (id int); /* x */ DROP TABLE t;');
    expect(parsed.kind).toBe('parsed');
    if (parsed.kind !== 'parsed') return;
    expect(parsed.statements.map((raw) => Object.keys(raw.stmt ?? {})[0])).toEqual([
      'CreateStmt',
      'DropStmt',
    ]);
    expect(parsed.source.tokens.map((token) => token.text)).toEqual([
      'CREATE',
      'TABLE',
      't',
      '(',
      'id',
      'int',
      ')',
      ';',
      'DROP',
      'TABLE',
      't',
      ';',
    ]);
  });

  it('given a syntax error after multi-byte text, when parsed, then line and column count characters', async () => {
    const parser = await loadSqlParser();
    expect(parser.parse("SELECT 'héllo 😀';\nSELECT 'é' ,, 1;")).toEqual({
      kind: 'syntax-error',
      error: { line: 2, column: 13, message: 'syntax error at or near ","' },
    });
  });

  it('given a text cut short, when parsed, then the error is at its end', async () => {
    const parser = await loadSqlParser();
    expect(parser.parse('CREATE TABLE t (\n  id int')).toEqual({
      kind: 'syntax-error',
      error: { line: 2, column: 9, message: 'syntax error at end of input' },
    });
  });

  it('given a NUL byte, when parsed, then it is refused instead of silently cut there', async () => {
    const parser = await loadSqlParser();
    expect(parser.parse('SELECT 1;\nDROP TABLE t;\u0000DROP TABLE u;')).toEqual({
      kind: 'syntax-error',
      error: { line: 2, message: 'the text contains a NUL byte: not SQL' },
    });
  });

  it('given control characters in a literal, when parsed, then tokens keep their offsets', async () => {
    const parser = await loadSqlParser();
    const parsed = parser.parse("SELECT 'a\u0001b', 2;");
    expect(parsed.kind === 'parsed' && parsed.source.tokens.map((token) => token.text)).toEqual([
      'SELECT',
      "'a\u0001b'",
      ',',
      '2',
      ';',
    ]);
  });

  it('given empty and whitespace-only texts, when parsed, then there are no statements', async () => {
    const parser = await loadSqlParser();
    for (const text of ['', '  \n\t', '-- only a comment']) {
      const parsed = parser.parse(text);
      expect(parsed.kind === 'parsed' && parsed.statements).toEqual([]);
    }
  });
});
