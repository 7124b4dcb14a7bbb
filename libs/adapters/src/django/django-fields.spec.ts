import { evaluateLiteral, expressions } from '../python/python-literal';
import { loadPythonParser, type PythonParser } from '../python/python-parser';
import type { PyCall } from '../python/python-value';
import { columnSpec, defaultOf, type FieldContext } from './django-fields';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

function field(source: string): PyCall {
  return parser.parse(`f = ${source}\n`, (root) => {
    const assignment = expressions(expressions(root)[0]!)[0]!;
    return evaluateLiteral(assignment.childForFieldName('right')!) as PyCall;
  });
}

const context: FieldContext = {
  table: 'shop_book',
  relatedColumn: (to, toField) =>
    to?.type === 'str' && to.value === 'shop.author'
      ? { table: 'shop_author', column: toField ?? 'id', type: toField ? 'varchar(20)' : 'bigint' }
      : undefined,
};

function specOf(name: string, source: string) {
  return columnSpec(name, field(source), context);
}

describe('django fields on PostgreSQL', () => {
  it.each([
    ['models.AutoField(primary_key=True)', 'integer'],
    ['models.BigAutoField(primary_key=True)', 'bigint'],
    ['models.SmallAutoField(primary_key=True)', 'smallint'],
    ['models.CharField(max_length=120)', 'varchar(120)'],
    ['models.CharField()', 'varchar'],
    ['models.EmailField()', 'varchar(254)'],
    ['models.EmailField(max_length=320)', 'varchar(320)'],
    ['models.SlugField()', 'varchar(50)'],
    ['models.URLField()', 'varchar(200)'],
    ['models.FileField(upload_to="x")', 'varchar(100)'],
    ['models.ImageField()', 'varchar(100)'],
    ['models.TextField()', 'text'],
    ['models.IntegerField()', 'integer'],
    ['models.BigIntegerField()', 'bigint'],
    ['models.SmallIntegerField()', 'smallint'],
    ['models.PositiveIntegerField()', 'integer'],
    ['models.PositiveSmallIntegerField()', 'smallint'],
    ['models.PositiveBigIntegerField()', 'bigint'],
    ['models.BooleanField()', 'boolean'],
    ['models.DateField()', 'date'],
    ['models.DateTimeField()', 'timestamptz'],
    ['models.TimeField()', 'time'],
    ['models.DurationField()', 'interval'],
    ['models.DecimalField(max_digits=10, decimal_places=2)', 'numeric(10,2)'],
    ['models.FloatField()', 'double precision'],
    ['models.UUIDField()', 'uuid'],
    ['models.JSONField()', 'jsonb'],
    ['django.contrib.postgres.fields.jsonb.JSONField()', 'jsonb'],
    ['models.BinaryField()', 'bytea'],
    ['models.GenericIPAddressField()', 'inet'],
    [
      'django.contrib.postgres.fields.ArrayField(base_field=models.IntegerField(), size=None)',
      'integer[]',
    ],
    ['ArrayField(models.CharField(max_length=10), size=3)', 'varchar(10)[3]'],
    ['django.contrib.postgres.fields.ranges.DateTimeRangeField()', 'tstzrange'],
    ['django.contrib.postgres.fields.citext.CICharField(max_length=10)', 'citext'],
    [
      'models.GeneratedField(expression=models.F("a"), output_field=models.IntegerField(), db_persist=True)',
      'integer',
    ],
    ['countries.fields.CountryField(max_length=2)', 'unknown'],
  ])('given %s, when materialised, then the column is %s', (source, sql) => {
    expect(specOf('value', source)?.definition.type.sql).toBe(sql);
  });

  it('given an auto field, when materialised, then it is a by-default identity primary key', () => {
    expect(
      specOf('id', 'models.BigAutoField(auto_created=True, primary_key=True, serialize=False)')
        ?.definition,
    ).toEqual({
      name: 'id',
      type: { sql: 'bigint', framework: 'BigAutoField' },
      nullable: false,
      unique: false,
      primaryKey: true,
      default: { kind: 'none' },
      identity: 'by-default',
    });
  });

  it('given a foreign key, when materialised, then it is <name>_id with the target pk type, indexed and constrained', () => {
    const spec = specOf(
      'author',
      "models.ForeignKey(on_delete=models.CASCADE, to='shop.author', null=True)",
    );
    expect(spec?.definition).toEqual({
      name: 'author_id',
      type: { sql: 'bigint', framework: 'ForeignKey' },
      nullable: true,
      unique: false,
      primaryKey: false,
      default: { kind: 'none' },
      references: { table: { name: 'shop_author' }, column: 'id', onDelete: 'no action' },
      field: 'author',
    });
    expect(spec).toMatchObject({
      indexed: true,
      likeIndexed: false,
      foreignKey: { constraint: true },
    });
  });

  it('given to_field and db_column, when materialised, then the column and type follow them', () => {
    const spec = specOf(
      'author',
      "models.ForeignKey(on_delete=models.CASCADE, to='shop.author', to_field='code', db_column='writer')",
    );
    expect(spec?.definition).toMatchObject({
      name: 'writer',
      type: { sql: 'varchar(20)' },
      field: 'author',
    });
    expect(spec?.likeIndexed).toBe(true);
  });

  it('given a one-to-one field, when materialised, then it is unique rather than indexed', () => {
    const spec = specOf(
      'author',
      "models.OneToOneField(on_delete=models.CASCADE, to='shop.author')",
    );
    expect(spec).toMatchObject({ definition: { unique: true }, indexed: false });
  });

  it('given db_constraint=False, when materialised, then there is no reference', () => {
    const spec = specOf(
      'author',
      "models.ForeignKey(db_constraint=False, on_delete=models.CASCADE, to='shop.author')",
    );
    expect(spec?.definition.references).toBeUndefined();
    expect(spec?.foreignKey?.constraint).toBe(false);
  });

  it.each([
    ['models.CASCADE', 'no action'],
    ['django.db.models.deletion.SET_NULL', 'no action'],
    ['models.DB_CASCADE', 'cascade'],
    ['models.DB_SET_NULL', 'set null'],
  ])(
    'given on_delete=%s, when materialised, then the database action is %s',
    (onDelete, action) => {
      const spec = specOf('author', `models.ForeignKey(on_delete=${onDelete}, to='shop.author')`);
      expect(spec?.definition.references?.onDelete).toBe(action);
    },
  );

  it('given a many-to-many field, when materialised, then it has no column', () => {
    expect(specOf('tags', "models.ManyToManyField(to='shop.tag')")).toBeUndefined();
  });

  it('given positive integers, when materialised, then they carry the >= 0 check', () => {
    expect(specOf('stock', 'models.PositiveIntegerField()')?.check).toBe('"stock" >= 0');
  });

  it('given text fields, when indexed or unique, then PostgreSQL adds a _like index', () => {
    expect(specOf('slug', 'models.SlugField()')).toMatchObject({
      indexed: true,
      likeIndexed: true,
    });
    expect(specOf('code', 'models.CharField(max_length=5, unique=True)')).toMatchObject({
      indexed: false,
      likeIndexed: true,
    });
    expect(specOf('body', 'models.TextField(db_index=True)')).toMatchObject({
      indexed: true,
      likeIndexed: true,
    });
    expect(specOf('n', 'models.IntegerField(db_index=True)')).toMatchObject({
      indexed: true,
      likeIndexed: false,
    });
    expect(
      specOf('tags', 'ArrayField(models.CharField(max_length=5), db_index=True)')?.likeIndexed,
    ).toBe(false);
  });

  it('given a comment and a generated field, when materialised, then both are kept', () => {
    expect(
      specOf('name', "models.CharField(max_length=5, db_comment='Legal name')")?.definition.comment,
    ).toBe('Legal name');
    expect(
      specOf(
        'total',
        'models.GeneratedField(expression=models.F("a") + 1, output_field=models.IntegerField(), db_persist=False)',
      )?.definition.generated,
    ).toEqual({ expression: "models.F('a') + 1", stored: false });
  });

  describe('defaults', () => {
    it.each([
      ['models.CharField(max_length=5)', { kind: 'none' }],
      [
        "models.CharField(max_length=5, default='draft')",
        { kind: 'constant', value: 'draft', level: 'app' },
      ],
      ['models.IntegerField(default=0)', { kind: 'constant', value: '0', level: 'app' }],
      ['models.BooleanField(default=True)', { kind: 'constant', value: 'true', level: 'app' }],
      ['models.IntegerField(null=True, default=None)', { kind: 'none' }],
      ['models.JSONField(default=dict)', { kind: 'constant', value: '{}', level: 'app' }],
      [
        "models.JSONField(default={'a': [1, None]})",
        { kind: 'constant', value: '{"a":[1,null]}', level: 'app' },
      ],
      [
        "models.DecimalField(default=decimal.Decimal('1.50'))",
        { kind: 'constant', value: '1.50', level: 'app' },
      ],
      [
        'models.DateField(default=datetime.date(2024, 1, 31))',
        { kind: 'constant', value: '2024-01-31', level: 'app' },
      ],
      [
        'models.DateTimeField(default=datetime.datetime(2024, 1, 31, 8, 5, tzinfo=datetime.timezone.utc))',
        { kind: 'constant', value: '2024-01-31T08:05:00+00:00', level: 'app' },
      ],
      [
        'models.DateTimeField(default=django.utils.timezone.now)',
        {
          kind: 'expression',
          expression: 'django.utils.timezone.now',
          volatility: 'volatile',
          level: 'app',
        },
      ],
      [
        'models.UUIDField(default=uuid.uuid4)',
        { kind: 'expression', expression: 'uuid.uuid4', volatility: 'volatile', level: 'app' },
      ],
      [
        'models.CharField(default=shop.models.make_code)',
        {
          kind: 'expression',
          expression: 'shop.models.make_code',
          volatility: 'unknown',
          level: 'app',
        },
      ],
      [
        'models.DateTimeField(auto_now_add=True)',
        {
          kind: 'expression',
          expression: 'django.utils.timezone.now',
          volatility: 'volatile',
          level: 'app',
        },
      ],
      ['models.IntegerField(db_default=0)', { kind: 'constant', value: '0', level: 'db' }],
      [
        'models.DateTimeField(db_default=django.db.models.functions.datetime.Now())',
        { kind: 'expression', expression: 'now()', volatility: 'stable', level: 'db' },
      ],
      [
        "models.CharField(db_default=models.Value('x'), default='y')",
        { kind: 'constant', value: 'x', level: 'db' },
      ],
    ])('given %s, when its default is read, then it is %j', (source, expected) => {
      expect(defaultOf(field(source))).toEqual(expected);
    });

    it('given defaults, when a NULL backfill is needed, then the value is spelt as SQL', () => {
      expect(specOf('a', 'models.CharField(default="it\'s")')?.backfill).toBe("'it''s'");
      expect(specOf('b', 'models.IntegerField(default=3)')?.backfill).toBe('3');
      expect(specOf('c', 'models.DateTimeField(default=django.utils.timezone.now)')?.backfill).toBe(
        'django.utils.timezone.now()',
      );
      expect(specOf('d', 'models.IntegerField()')?.backfill).toBeUndefined();
    });
  });
});
