import { railsBehaviour } from './rails-compatibility';
import { columnTypeOf, type TypeOptions } from './rails-types';

const current = railsBehaviour('7.1');

describe('rails types on PostgreSQL', () => {
  it.each<[string, TypeOptions, string]>([
    ['string', {}, 'varchar'],
    ['string', { limit: 120 }, 'varchar(120)'],
    ['text', { limit: 1000 }, 'text'],
    ['integer', {}, 'integer'],
    ['integer', { limit: 1 }, 'smallint'],
    ['integer', { limit: 2 }, 'smallint'],
    ['integer', { limit: 4 }, 'integer'],
    ['integer', { limit: 8 }, 'bigint'],
    ['bigint', {}, 'bigint'],
    ['float', {}, 'double precision'],
    ['float', { limit: 24 }, 'real'],
    ['decimal', {}, 'numeric'],
    ['decimal', { precision: 10 }, 'numeric(10)'],
    ['decimal', { precision: 10, scale: 2 }, 'numeric(10,2)'],
    ['datetime', {}, 'timestamp(6)'],
    ['datetime', { precision: 0 }, 'timestamp(0)'],
    ['datetime', { precision: null }, 'timestamp'],
    ['timestamp', {}, 'timestamp(6)'],
    ['timestamptz', {}, 'timestamptz'],
    ['time', {}, 'time'],
    ['time', { precision: 3 }, 'time(3)'],
    ['date', {}, 'date'],
    ['binary', {}, 'bytea'],
    ['boolean', {}, 'boolean'],
    ['json', {}, 'json'],
    ['jsonb', {}, 'jsonb'],
    ['uuid', {}, 'uuid'],
    ['inet', {}, 'inet'],
    ['citext', {}, 'citext'],
    ['hstore', {}, 'hstore'],
    ['bit', { limit: 8 }, 'bit(8)'],
    ['bit_varying', {}, 'varbit'],
    ['enum', { enumType: 'mood' }, 'mood'],
    ['string', { array: true }, 'varchar[]'],
    ['integer', { array: true, limit: 2 }, 'smallint[]'],
    ['smallint', {}, 'smallint'],
    ['character varying(20)', {}, 'varchar(20)'],
    ['timestamp with time zone', {}, 'timestamptz'],
  ])('given %s %j, when mapped, then it is %s', (type, options, sql) => {
    expect(columnTypeOf(type, options, current).sql).toBe(sql);
  });

  it('given serial types and the primary key type, when mapped, then they are serial integers', () => {
    expect(columnTypeOf('primary_key', {}, current)).toEqual({
      sql: 'bigint',
      framework: 'primary_key',
      serial: true,
    });
    expect(columnTypeOf('serial', {}, current)).toMatchObject({ sql: 'integer', serial: true });
    expect(columnTypeOf('bigserial', {}, current)).toMatchObject({ sql: 'bigint', serial: true });
  });

  it("given migrations of older Rails, when datetimes and keys are mapped, then they keep that version's types", () => {
    expect(columnTypeOf('datetime', {}, railsBehaviour('6.1')).sql).toBe('timestamp');
    expect(columnTypeOf('datetime', {}, railsBehaviour('7.0')).sql).toBe('timestamp(6)');
    expect(columnTypeOf('primary_key', {}, railsBehaviour('5.0')).sql).toBe('integer');
    expect(columnTypeOf('primary_key', {}, railsBehaviour('5.1')).sql).toBe('bigint');
    expect(columnTypeOf('primary_key', {}, railsBehaviour(undefined)).sql).toBe('integer');
  });
});
