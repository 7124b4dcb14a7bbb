import { embeddedSqlEvents } from './sql-embedded';
import { loadSqlParser, type SqlParser } from './sql-parser';

const autocommit = { inTransaction: false, transactionSource: 'opt-out' } as const;

describe('SQL embedded in another migration file', () => {
  let parser: SqlParser;
  beforeAll(async () => {
    parser = await loadSqlParser();
  });

  it('given statements on several lines, when read, then each event has the host transaction and its line in the host file', () => {
    const events = embeddedSqlEvents(
      parser,
      '\n  ALTER TABLE t ADD COLUMN c int;\n  CREATE INDEX CONCURRENTLY t_c_idx ON t (c);\n',
      { transaction: autocommit, firstLine: 40 },
    );
    expect(events.map((event) => [event.kind, event.payload.context])).toEqual([
      ['column.added', { ...autocommit, line: 41 }],
      ['index.created', { ...autocommit, line: 42 }],
    ]);
    expect(events.every((event) => !('opIndex' in event) && !('subIndex' in event))).toBe(true);
  });

  it('given BEGIN ... COMMIT in the text, when read, then the statements between them are explicitly in a transaction', () => {
    const events = embeddedSqlEvents(
      parser,
      'BEGIN; UPDATE t SET a = 1; COMMIT; DELETE FROM t WHERE a IS NULL;',
      { transaction: autocommit, firstLine: 7 },
    );
    const explicit = { inTransaction: true, transactionSource: 'explicit', transactionGroup: 0 };
    expect(events.map((event) => event.kind)).toEqual([
      'transaction.controlled',
      'data.migrated',
      'transaction.controlled',
      'data.migrated',
    ]);
    expect(events.map((event) => event.payload.context)).toEqual([
      { ...explicit, line: 7 },
      { ...explicit, line: 7 },
      { ...explicit, line: 7 },
      { ...autocommit, line: 7 },
    ]);
  });

  it('given a text PostgreSQL refuses, when read, then it is one sql.executed with the whole text and the parse error on the host line', () => {
    expect(
      embeddedSqlEvents(parser, '\n\n  CREATE TABLE t (id int);\n  ALTER TABLE t ADD COLUMN;\n', {
        transaction: autocommit,
        firstLine: 10,
      }),
    ).toEqual([
      {
        kind: 'sql.executed',
        payload: {
          statement: 'CREATE TABLE t (id int);\n  ALTER TABLE t ADD COLUMN;',
          reason: 'the SQL does not parse: line 13: syntax error at or near ";"',
          context: { ...autocommit, line: 12 },
        },
      },
    ]);
  });

  it('given an empty text or only a comment, when read, then nothing runs and there is no event', () => {
    const context = { transaction: autocommit, firstLine: 3 };
    expect(embeddedSqlEvents(parser, '', context)).toEqual([]);
    expect(embeddedSqlEvents(parser, '  -- nothing yet\n', context)).toEqual([]);
  });

  it('given a statement the SQL adapter cannot interpret, when read, then that statement is kept as sql.executed with why', () => {
    // A parse tree node that fails when read stands for a shape the SQL adapter did not foresee.
    const failing: SqlParser = {
      parse(sql) {
        const parsed = parser.parse(sql);
        if (parsed.kind !== 'parsed') return parsed;
        const broken = new Proxy(
          {},
          {
            get() {
              throw new Error('unexpected shape');
            },
          },
        );
        const statements = parsed.statements.map((raw, i) =>
          i === 1 ? { ...raw, stmt: { CreateStmt: broken } } : raw,
        );
        return { ...parsed, statements };
      },
    };
    const events = embeddedSqlEvents(
      failing,
      'UPDATE t SET a = 1;\nCREATE TABLE u (id int);\nDELETE FROM t;',
      { transaction: autocommit, firstLine: 20 },
    );
    expect(events.map((event) => event.kind)).toEqual([
      'data.migrated',
      'sql.executed',
      'data.migrated',
    ]);
    expect(events[1]?.payload).toEqual({
      statement: 'CREATE TABLE u (id int)',
      reason: 'line 21: could not interpret CREATE TABLE: unexpected shape',
      context: { ...autocommit, line: 21 },
    });
  });
});
