import { givenSql } from './testing/sql-project';

describe('sql types', () => {
  it.each([
    ['int', 'integer'],
    ['integer', 'integer'],
    ['int4', 'integer'],
    ['smallint', 'smallint'],
    ['int2', 'smallint'],
    ['bigint', 'bigint'],
    ['int8', 'bigint'],
    ['serial', 'integer'],
    ['bigserial', 'bigint'],
    ['smallserial', 'smallint'],
    ['real', 'real'],
    ['float4', 'real'],
    ['float(10)', 'real'],
    ['float', 'double precision'],
    ['float(40)', 'double precision'],
    ['double precision', 'double precision'],
    ['numeric', 'numeric'],
    ['numeric(10)', 'numeric(10,0)'],
    ['numeric(12, 2)', 'numeric(12,2)'],
    ['decimal(5,2)', 'numeric(5,2)'],
    ['character varying(120)', 'varchar(120)'],
    ['varchar(120)', 'varchar(120)'],
    ['varchar', 'varchar'],
    ['char(3)', 'char(3)'],
    ['character', 'char(1)'],
    ['text', 'text'],
    ['boolean', 'boolean'],
    ['bool', 'boolean'],
    ['timestamp', 'timestamp'],
    ['timestamp without time zone', 'timestamp'],
    ['timestamp(6) without time zone', 'timestamp(6)'],
    ['timestamp with time zone', 'timestamptz'],
    ['TIMESTAMP(3) WITH TIME ZONE', 'timestamptz(3)'],
    ['timestamptz', 'timestamptz'],
    ['time', 'time'],
    ['time with time zone', 'timetz'],
    ['date', 'date'],
    ['interval', 'interval'],
    ['interval(3)', 'interval(3)'],
    ['interval day to second', 'interval day to second'],
    ['interval year', 'interval year'],
    ['bit varying(5)', 'varbit(5)'],
    ['json', 'json'],
    ['jsonb', 'jsonb'],
    ['uuid', 'uuid'],
    ['bytea', 'bytea'],
    ['inet', 'inet'],
    ['citext', 'citext'],
    ['text[]', 'text[]'],
    ['int[][]', 'integer[]'],
    ['integer ARRAY[4]', 'integer[]'],
    ['varchar(10)[]', 'varchar(10)[]'],
    ['"Role"', '"Role"'],
    ['public.mood', 'public.mood'],
    ['pg_catalog.int8', 'bigint'],
    ['geometry(Point, 4326)', 'geometry(Point, 4326)'],
  ])(
    'given a column of type %s, when converted, then its type is %s and the written spelling is kept',
    async (written, canonical) => {
      const converted = await givenSql(
        `ALTER TABLE t ADD COLUMN c ${written} NOT NULL;`,
      ).whenConverted();
      expect(converted.only.column).toMatchObject({
        type: { sql: canonical, framework: written },
      });
    },
  );

  it('given ALTER COLUMN TYPE with COLLATE and USING, when converted, then the type stops before them', async () => {
    const converted = await givenSql(
      'ALTER TABLE t ALTER COLUMN c TYPE character varying(20) COLLATE "C" USING c::text;',
    ).whenConverted();
    expect(converted.only).toEqual({
      table: { name: 't' },
      column: 'c',
      type: { sql: 'varchar(20)', framework: 'character varying(20)' },
      using: 'c::text',
    });
  });
});
