import { referencedColumns, sqlConstant, volatilityOf } from './alembic-sql';

describe('SQL snippets of Alembic migrations', () => {
  describe('given a default expression, when its volatility is judged', () => {
    it.each([
      ['now()', 'stable'],
      ['CURRENT_TIMESTAMP', 'stable'],
      ["timezone('utc', now())", 'unknown'],
      ['transaction_timestamp()', 'stable'],
      ['gen_random_uuid()', 'volatile'],
      ['uuid_generate_v4()', 'volatile'],
      ['public.uuid_generate_v4()', 'volatile'],
      ['random()', 'volatile'],
      ['clock_timestamp()', 'volatile'],
      ["nextval('orders_id_seq'::regclass)", 'volatile'],
      ["'{}'::jsonb", 'immutable'],
      ["'now'::timestamp with time zone", 'immutable'],
      ["CAST('0' AS numeric(10, 2))", 'immutable'],
      ['1 + 2', 'immutable'],
      ["coalesce(current_setting('app.tenant', true), 'none')", 'stable'],
      ['my_function()', 'unknown'],
      ['my_function() + random()', 'volatile'],
    ])('%s is %s', (expression, volatility) => {
      expect(volatilityOf(expression)).toBe(volatility);
    });
  });

  describe('given a CHECK condition, when its columns are looked for', () => {
    it.each([
      ['price >= 0', ['price']],
      ["email <> ''", ['email']],
      ["status IN ('a', 'b') AND score IS NOT NULL", ['status', 'score']],
      ['length(title) > 0', ['title']],
      ['"Weird Name" > 0', ['Weird Name']],
      ['t.starts_at < t.ends_at', ['starts_at', 'ends_at']],
      ["CAST(amount AS integer) > 0 OR note ILIKE '%x%'", ['amount', 'note']],
    ])('%s refers to %j', (condition, columns) => {
      expect(referencedColumns(condition)).toEqual(columns);
    });

    it('when the table columns are known, then only those count', () => {
      expect(referencedColumns('price > floor_price', ['price'])).toEqual(['price']);
    });
  });

  describe('given a default, when it is read as a constant', () => {
    it.each([
      ["'draft'", 'draft'],
      ["'it''s'", "it's"],
      ['0', '0'],
      ['-1.5', '-1.5'],
      ['TRUE', 'true'],
      ['NULL', null],
      ['now()', undefined],
      ["'{}'::jsonb", undefined],
    ])('%s is %j', (expression, constant) => {
      expect(sqlConstant(expression)).toBe(constant);
    });
  });
});
