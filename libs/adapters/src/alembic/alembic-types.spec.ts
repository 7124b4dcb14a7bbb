import { loadPythonParser, type PythonParser } from '../python/python-parser';
import { pythonValue } from './testing/alembic-project';
import { sqlTypeOf } from './alembic-types';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

/** Given a SQLAlchemy type as a migration spells it, when it is mapped. */
const typeOf = (expression: string) => sqlTypeOf(pythonValue(parser, expression));

describe('alembic column types', () => {
  it.each([
    ['sa.Integer()', 'integer'],
    ['sa.Integer', 'integer'],
    ['sqlalchemy.INTEGER()', 'integer'],
    ['sa.BigInteger()', 'bigint'],
    ['sa.SmallInteger()', 'smallint'],
    ['sa.String(length=120)', 'varchar(120)'],
    ['sa.String(120)', 'varchar(120)'],
    ['sa.String()', 'varchar'],
    ['sa.VARCHAR(length=10)', 'varchar(10)'],
    ['sa.Unicode(20)', 'varchar(20)'],
    ['sa.Text()', 'text'],
    ['sa.UnicodeText()', 'text'],
    ['sa.CHAR(2)', 'char(2)'],
    ['sa.CHAR()', 'char(1)'],
    ['sa.Boolean()', 'boolean'],
    ['sa.DateTime()', 'timestamp'],
    ['sa.DateTime(timezone=True)', 'timestamptz'],
    ['sa.DateTime(True)', 'timestamptz'],
    ['postgresql.TIMESTAMP(timezone=True, precision=3)', 'timestamptz(3)'],
    ['sa.TIMESTAMP()', 'timestamp'],
    ['sa.Date()', 'date'],
    ['sa.Time()', 'time'],
    ['sa.Time(timezone=True)', 'timetz'],
    ['sa.Numeric(8, 2)', 'numeric(8,2)'],
    ['sa.Numeric(precision=12, scale=2)', 'numeric(12,2)'],
    ['sa.Numeric(5)', 'numeric(5)'],
    ['sa.Numeric()', 'numeric'],
    ['sa.DECIMAL(10, 4)', 'numeric(10,4)'],
    ['sa.Float()', 'double precision'],
    ['sa.Float(precision=24)', 'real'],
    ['sa.Float(precision=25)', 'double precision'],
    ['sa.Float(53)', 'double precision'],
    ['sa.REAL()', 'real'],
    ['sa.Double()', 'double precision'],
    ['postgresql.DOUBLE_PRECISION()', 'double precision'],
    ['sa.JSON()', 'json'],
    ['postgresql.JSON()', 'json'],
    ['postgresql.JSONB(astext_type=sa.Text())', 'jsonb'],
    ['sa.JSON().with_variant(postgresql.JSONB(), "postgresql")', 'jsonb'],
    ['sa.JSON().with_variant(sa.Text(), "sqlite")', 'json'],
    ['postgresql.UUID(as_uuid=True)', 'uuid'],
    ['sa.Uuid()', 'uuid'],
    ['sa.Uuid(native_uuid=False)', 'char(32)'],
    ['sa.LargeBinary()', 'bytea'],
    ['postgresql.BYTEA()', 'bytea'],
    ['sa.Interval()', 'interval'],
    ["postgresql.INTERVAL(fields='DAY TO SECOND', precision=3)", 'interval day to second(3)'],
    ['sa.ARRAY(sa.Integer())', 'integer[]'],
    ['postgresql.ARRAY(sa.String(length=20))', 'varchar(20)[]'],
    ['sa.ARRAY(sa.Integer(), dimensions=2)', 'integer[][]'],
    ["sa.Enum('a', 'b', name='letter')", 'letter'],
    ["postgresql.ENUM('a', 'b', name='letter', create_type=False)", 'letter'],
    ['sa.Enum(Mood)', 'mood'],
    ["sa.Enum('s', 'xl', name='size', native_enum=False)", 'varchar(2)'],
    ["sa.Enum('s', 'xl', native_enum=False, length=20)", 'varchar(20)'],
    ['postgresql.INET()', 'inet'],
    ['postgresql.CIDR()', 'cidr'],
    ['postgresql.MACADDR()', 'macaddr'],
    ['postgresql.MONEY()', 'money'],
    ['postgresql.TSVECTOR()', 'tsvector'],
    ['postgresql.HSTORE()', 'hstore'],
    ['postgresql.CITEXT()', 'citext'],
    ['postgresql.INT4RANGE()', 'int4range'],
    ['postgresql.TSTZRANGE()', 'tstzrange'],
    ['postgresql.BIT(8)', 'bit(8)'],
    ['postgresql.BIT(varying=True)', 'varbit'],
    ['sqlalchemy.dialects.postgresql.JSONB()', 'jsonb'],
  ])('given %s, when mapped, then PostgreSQL gets %s', (expression, sql) => {
    expect(typeOf(expression)?.sql).toBe(sql);
  });

  it('given a type, when mapped, then the framework spelling is the callee as written', () => {
    expect(typeOf('postgresql.UUID(as_uuid=True)')).toEqual({
      sql: 'uuid',
      framework: 'postgresql.UUID',
    });
  });

  it('given integer types, when mapped, then they say which integer they are (for SERIAL)', () => {
    expect(typeOf('sa.BigInteger()')).toEqual({
      sql: 'bigint',
      framework: 'sa.BigInteger',
      integer: 'bigint',
    });
  });

  it('given a type of the project (a TypeDecorator), when mapped, then it is unknown but keeps its name', () => {
    expect(typeOf('app.types.Money(precision=2)')).toEqual({
      sql: 'unknown',
      framework: 'app.types.Money',
    });
  });

  it('given a value that is not a type, when mapped, then there is no type', () => {
    expect(typeOf("'text'")).toBeUndefined();
  });

  describe('given enums', () => {
    it('when the values are literal, then the enum carries its name and values and is created', () => {
      expect(typeOf("sa.Enum('happy', 'sad', name='mood', schema='app')")?.enums).toEqual([
        { name: 'mood', schema: 'app', values: ['happy', 'sad'], createType: true },
      ]);
    });

    it('when create_type=False, then the type is not to be created', () => {
      expect(
        typeOf("postgresql.ENUM('a', name='letter', create_type=False)")?.enums?.[0]?.createType,
      ).toBe(false);
    });

    it('when the values come from a Python enum class, then they are unknown', () => {
      expect(typeOf('sa.Enum(Mood)')?.enums).toEqual([{ name: 'mood', createType: true }]);
    });

    it('when it is an ARRAY of an enum, then the array uses the enum', () => {
      expect(typeOf("sa.ARRAY(sa.Enum('a', name='letter'))")).toMatchObject({
        sql: 'letter[]',
        enums: [{ name: 'letter' }],
      });
    });

    it('when a native enum has no name, then its type is unknown (PostgreSQL needs a name)', () => {
      expect(typeOf("sa.Enum('a', 'b')")?.sql).toBe('unknown');
    });
  });
});
