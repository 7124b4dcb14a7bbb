import {
  callsVolatileFunction,
  hasDatabaseDefault,
  isBinaryCoercible,
  isSerialType,
  isVolatileDefault,
  labelChangeProblems,
  mysqlLabelStorage,
  parseType,
  type CoercionOptions,
} from './postgres-types';

const pg: CoercionOptions = {
  engine: 'postgresql',
  pg12: true,
  sessionTimeZoneUtc: false,
  indexed: false,
};

describe('postgres types', () => {
  describe('parseType', () => {
    it('splits base, modifiers, array and collation', () => {
      expect(parseType('varchar(120)')).toMatchObject({ base: 'varchar', modifiers: [120] });
      expect(parseType('numeric(10, 2)')).toMatchObject({ base: 'numeric', modifiers: [10, 2] });
      expect(parseType('text[]')).toMatchObject({ base: 'text', array: true });
      expect(parseType('character varying(5)')).toMatchObject({ base: 'varchar', modifiers: [5] });
      expect(parseType('timestamp(3) with time zone')).toMatchObject({
        base: 'timestamptz',
        modifiers: [3],
      });
      expect(parseType('text COLLATE "C"')).toMatchObject({ base: 'text', collation: 'C' });
    });

    it('reads MySQL enum and set labels, keeping their case', () => {
      expect(parseType("enum('New','it''s')")).toMatchObject({
        base: 'enum',
        values: ['New', "it's"],
        modifiers: [],
      });
      expect(parseType("set('a','b')").values).toEqual(['a', 'b']);
    });
  });

  describe('isBinaryCoercible', () => {
    it.each([
      ['varchar(10)', 'varchar(20)'],
      ['varchar(10)', 'varchar'],
      ['varchar(10)', 'text'],
      ['text', 'varchar'],
      ['cidr', 'inet'],
      ['numeric(10,2)', 'numeric(12,2)'],
      ['numeric(10,2)', 'numeric'],
      ['timestamp(3)', 'timestamp(6)'],
      ['interval(3)', 'interval'],
      ['text', 'citext'],
      ['integer', 'int4'],
    ])('%s → %s needs no rewrite', (before, after) => {
      expect(isBinaryCoercible(before, after, pg)).toBe(true);
    });

    it.each([
      ['varchar(20)', 'varchar(10)'],
      ['text', 'varchar(10)'],
      ['integer', 'bigint'],
      ['numeric(10,2)', 'numeric(12,3)'],
      ['numeric', 'numeric(10,2)'],
      ['timestamp', 'timestamp(3)'],
      ['timestamp', 'timestamptz'],
      ['text', 'text[]'],
      ['inet', 'cidr'],
    ])('%s → %s rewrites', (before, after) => {
      expect(isBinaryCoercible(before, after, pg)).toBe(false);
    });

    it('needs PostgreSQL 12 and a UTC session for timestamp ↔ timestamptz', () => {
      const utc = { ...pg, sessionTimeZoneUtc: true };
      expect(isBinaryCoercible('timestamp', 'timestamptz', utc)).toBe(true);
      expect(isBinaryCoercible('timestamptz', 'timestamp', utc)).toBe(true);
      expect(isBinaryCoercible('timestamp', 'timestamptz', { ...utc, pg12: false })).toBe(false);
    });

    it('refuses citext ↔ text on an indexed column', () => {
      expect(isBinaryCoercible('citext', 'text', { ...pg, indexed: true })).toBe(false);
    });

    it('keeps MySQL VARCHAR changes within one length-prefix size', () => {
      const mysql = { ...pg, engine: 'mysql' as const };
      expect(isBinaryCoercible('varchar(20)', 'varchar(63)', mysql)).toBe(true);
      expect(isBinaryCoercible('varchar(100)', 'varchar(255)', mysql)).toBe(true);
      expect(isBinaryCoercible('varchar(20)', 'varchar(64)', mysql)).toBe(false);
      expect(isBinaryCoercible('varchar(20)', 'text', mysql)).toBe(false);
    });
  });

  describe('defaults', () => {
    it('recognises well-known volatile functions', () => {
      expect(callsVolatileFunction('gen_random_uuid()')).toBe(true);
      expect(callsVolatileFunction("nextval('users_id_seq'::regclass)")).toBe(true);
      expect(callsVolatileFunction('now()')).toBe(false);
      expect(callsVolatileFunction('CURRENT_TIMESTAMP')).toBe(false);
      expect(callsVolatileFunction('randomize')).toBe(false);
    });

    it('trusts a declared volatility over the list', () => {
      const expression = (sql: string, volatility: 'volatile' | 'stable' | 'unknown') => ({
        kind: 'expression' as const,
        expression: sql,
        volatility,
        level: 'db' as const,
      });
      expect(isVolatileDefault(expression('f()', 'volatile'))).toBe(true);
      expect(isVolatileDefault(expression('random()', 'unknown'))).toBe(true);
      expect(isVolatileDefault(expression('random()', 'stable'))).toBe(false);
      expect(isVolatileDefault({ kind: 'constant', value: '1', level: 'db' })).toBe(false);
    });

    it('tells database defaults from ORM-only and NULL ones', () => {
      expect(hasDatabaseDefault({ kind: 'constant', value: "'x'", level: 'db' })).toBe(true);
      expect(hasDatabaseDefault({ kind: 'constant', value: "'x'", level: 'app' })).toBe(false);
      expect(hasDatabaseDefault({ kind: 'constant', value: 'NULL', level: 'db' })).toBe(false);
      expect(hasDatabaseDefault({ kind: 'none' })).toBe(false);
    });

    it('knows the serial pseudo-types', () => {
      expect(isSerialType('bigserial')).toBe(true);
      expect(isSerialType('serial4')).toBe(true);
      expect(isSerialType('bigint')).toBe(false);
    });
  });

  describe('MySQL labels', () => {
    it('sizes ENUM and SET storage', () => {
      expect(mysqlLabelStorage('enum', 255)).toBe(1);
      expect(mysqlLabelStorage('enum', 256)).toBe(2);
      expect(mysqlLabelStorage('set', 8)).toBe(1);
      expect(mysqlLabelStorage('set', 9)).toBe(2);
      expect(mysqlLabelStorage('set', 33)).toBe(8);
    });

    it('accepts only appending within one storage size', () => {
      expect(labelChangeProblems('enum', ['a', 'b'], ['a', 'b', 'c'])).toEqual([]);
      expect(labelChangeProblems('enum', ['a', 'b'], ['a'])).toEqual(['removes b']);
      expect(labelChangeProblems('enum', ['a', 'b'], ['b', 'a'])).toEqual(['reorders labels']);
      expect(labelChangeProblems('enum', ['a', 'b'], ['a', 'x', 'b'])).toEqual([
        'inserts labels before the end',
      ]);
      const eight = ['1', '2', '3', '4', '5', '6', '7', '8'];
      expect(labelChangeProblems('set', eight, [...eight, '9'])).toEqual([
        'changes the storage size',
      ]);
    });
  });
});
