import type { EventDraft } from '@schematrace/contracts';
import type { ParsedMigration } from '../migration-adapter';
import { djangoMigration, givenDjangoProject } from '../testing/django-project';
import { sourceOf } from '../testing/migration-fixtures';

const AUTHOR = `
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ('name', models.CharField(max_length=50)),
            ],
        ),`;

/** An initial migration creating `shop.Author`, then `0002_change` with these parts. */
async function whenParsed(parts: {
  operations: string;
  attributes?: string;
  header?: string;
}): Promise<ParsedMigration> {
  const project = await givenDjangoProject([
    djangoMigration('shop/migrations/0001_initial.py', { operations: AUTHOR }),
    djangoMigration('shop/migrations/0002_change.py', {
      dependencies: "('shop', '0001_initial')",
      ...parts,
    }),
  ]).whenParsed();
  return project.migration('shop', '0002_change');
}

function contextOf(event: EventDraft | undefined): unknown {
  return (event?.payload as { context?: unknown } | undefined)?.context;
}

function payloads(migration: ParsedMigration): { kind: string; payload: object }[] {
  return migration.events.map(({ kind, payload }) => {
    const { context: _context, ...rest } = payload as Record<string, unknown>;
    return { kind, payload: rest };
  });
}

const atomic = { inTransaction: true, transactionSource: 'framework-default' };
const optOut = { inTransaction: false, transactionSource: 'opt-out' };

describe('django migration facts for the risk rules', () => {
  describe('transactions', () => {
    it('given a migration without atomic, when parsed, then it is transactional and its statements run in the migration transaction', async () => {
      const migration = await whenParsed({
        operations: "migrations.RemoveField(model_name='author', name='name'),",
      });
      expect(migration.transactional).toBe(true);
      expect(migration.events.map(contextOf)).toEqual([{ ...atomic, line: 8 }]);
    });

    it('given atomic = False, when parsed, then it is not transactional and its statements opt out', async () => {
      const migration = await whenParsed({
        attributes: 'atomic = False',
        operations: "migrations.RemoveField(model_name='author', name='name'),",
      });
      expect(migration.transactional).toBe(false);
      expect(migration.events.map(contextOf)).toEqual([{ ...optOut, line: 9 }]);
    });

    it('given AddIndexConcurrently and RemoveIndexConcurrently in an atomic migration, when parsed, then they are concurrent yet in a transaction (Django refuses to run them)', async () => {
      const migration = await whenParsed({
        operations: [
          "AddIndexConcurrently(model_name='author', index=models.Index(fields=['name'], name='author_name_idx')),",
          "RemoveIndexConcurrently(model_name='author', name='author_name_idx'),",
        ].join('\n'),
      });
      expect(migration.transactional).toBe(true);
      expect(
        migration.events.map((event) => ({ kind: event.kind, context: contextOf(event) })),
      ).toEqual([
        { kind: 'index.created', context: { ...atomic, line: 8 } },
        { kind: 'index.dropped', context: { ...atomic, line: 9 } },
      ]);
      expect(migration.events[0]?.payload).toMatchObject({ index: { concurrently: true } });
      expect(migration.events[1]?.payload).toMatchObject({ concurrently: true });
    });

    it('given RunPython(atomic=False) in an atomic migration, when parsed, then it still runs in the migration transaction (PostgreSQL)', async () => {
      const migration = await whenParsed({
        operations: 'migrations.RunPython(forwards, atomic=False),',
      });
      expect(contextOf(migration.events[0])).toEqual({ ...atomic, line: 8 });
    });

    it('given two RunPython(atomic=True) in a non-atomic migration, when parsed, then each runs in a transaction of its own', async () => {
      const migration = await whenParsed({
        attributes: 'atomic = False',
        operations: [
          'migrations.RunPython(first, atomic=True),',
          "migrations.RemoveField(model_name='author', name='name'),",
          'migrations.RunPython(second, atomic=True),',
        ].join('\n'),
      });
      const own = { inTransaction: true, transactionSource: 'explicit' };
      expect(migration.events.map(contextOf)).toEqual([
        { ...own, transactionGroup: 0, line: 9 },
        { ...optOut, line: 10 },
        { ...own, transactionGroup: 1, line: 11 },
      ]);
    });

    it('given RunPython(atomic=True) inside SeparateDatabaseAndState of a non-atomic migration, when parsed, then Django does not honour atomic there', async () => {
      const migration = await whenParsed({
        attributes: 'atomic = False',
        operations: [
          'migrations.SeparateDatabaseAndState(',
          '    database_operations=[migrations.RunPython(forwards, atomic=True)],',
          '),',
        ].join('\n'),
      });
      expect(contextOf(migration.events[0])).toEqual({ ...optOut, line: 10 });
    });

    it('given RunSQL with its own BEGIN/COMMIT next to RunPython(atomic=True) in a non-atomic migration, when parsed, then the two transactions are numbered apart', async () => {
      const migration = await whenParsed({
        attributes: 'atomic = False',
        operations: [
          'migrations.RunPython(forwards, atomic=True),',
          "migrations.RunSQL('BEGIN; UPDATE shop_author SET name = 1; COMMIT;'),",
        ].join('\n'),
      });
      const groups = migration.events.map(
        (event) => (contextOf(event) as { transactionGroup?: number }).transactionGroup,
      );
      const update = migration.events.find(
        (event) => event.kind === 'data.migrated' && event.opIndex === 1,
      );
      expect(groups[0]).toBe(0);
      expect(contextOf(update)).toMatchObject({ inTransaction: true, transactionGroup: 1 });
    });
  });

  describe('reversibility', () => {
    it('given only schema operations, including RemoveField and DeleteModel, when parsed, then the migration is reversible (as Django sees it)', async () => {
      const migration = await whenParsed({
        operations: [
          "migrations.RemoveField(model_name='author', name='name'),",
          "migrations.DeleteModel(name='Author'),",
        ].join('\n'),
      });
      expect(migration.reversible).toBe(true);
    });

    it.each([
      ['RunPython without reverse_code', 'migrations.RunPython(forwards),', false],
      ['RunPython with reverse_code=None', 'migrations.RunPython(forwards, None),', false],
      [
        'RunPython with a noop reverse',
        'migrations.RunPython(forwards, migrations.RunPython.noop),',
        true,
      ],
      [
        'RunSQL without reverse_sql',
        "migrations.RunSQL('UPDATE shop_author SET name = 1'),",
        false,
      ],
      [
        'RunSQL with RunSQL.noop as reverse',
        "migrations.RunSQL('UPDATE shop_author SET name = 1', migrations.RunSQL.noop),",
        true,
      ],
      [
        'an irreversible RunPython inside SeparateDatabaseAndState',
        'migrations.SeparateDatabaseAndState(database_operations=[migrations.RunPython(forwards)]),',
        false,
      ],
      [
        'an operation the adapter does not know',
        "myapp.operations.BackfillThings('x'),",
        undefined,
      ],
      [
        'an unknown operation and an irreversible RunPython',
        "myapp.operations.BackfillThings('x'),\nmigrations.RunPython(forwards),",
        false,
      ],
    ])(
      'given %s, when parsed, then reversible is as Django sees it',
      async (_what, operations, expected) => {
        const migration = await whenParsed({ operations });
        expect(migration.reversible).toBe(expected);
      },
    );

    it('given operations that are not a literal list, when parsed, then reversibility is unknown', async () => {
      const project = await givenDjangoProject([
        sourceOf(
          'shop/migrations/0001_initial.py',
          'from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    operations = build()\n',
        ),
      ]).whenParsed();
      const migration = project.migration('shop', '0001_initial');
      expect(migration.reversible).toBeUndefined();
      expect(migration.transactional).toBe(true);
    });

    it('given a file with a syntax error, when parsed, then neither fact is claimed', async () => {
      const project = await givenDjangoProject([
        sourceOf(
          'shop/migrations/0001_initial.py',
          'from django.db import migrations\n\nclass Migration(migrations.Migration):\n    atomic = False\n    operations = [(\n',
        ),
      ]).whenParsed();
      const migration = project.migration('shop', '0001_initial');
      expect(migration.reversible).toBeUndefined();
      expect(migration.transactional).toBeUndefined();
    });

    it('given RunSQL without reverse_sql that changes data, when parsed, then its data.migrated is irreversible; with a reverse, reversible', async () => {
      const migration = await whenParsed({
        operations: [
          "migrations.RunSQL('UPDATE shop_author SET name = 1'),",
          "migrations.RunSQL('DELETE FROM shop_author', reverse_sql=migrations.RunSQL.noop),",
        ].join('\n'),
      });
      expect(
        migration.events.map((event) => (event.payload as { reversible?: boolean }).reversible),
      ).toEqual([false, true]);
    });
  });

  describe('RunPython code', () => {
    const dataMigrated = async (header: string, operation: string) => {
      const migration = await whenParsed({
        header: `from django.db import migrations, models\n${header}`,
        operations: operation,
      });
      const [event] = migration.events;
      expect(event?.kind).toBe('data.migrated');
      const { usesLiveModels, batched, reversible } = event!.payload as Record<string, unknown>;
      return { usesLiveModels, batched, reversible };
    };

    it('given a function that only uses apps.get_model and updates at once, when parsed, then it uses no live models and is not batched', async () => {
      const facts = await dataMigrated(
        [
          'from django.db.models import F',
          'from django.forms.models import model_to_dict',
          '',
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          "    Author.objects.update(name=F('name'))",
          '    for author in Author.objects.all():',
          '        author.name = author.name[:20]',
          '        author.save(update_fields=list(model_to_dict(author)))',
        ].join('\n'),
        'migrations.RunPython(forwards, migrations.RunPython.noop),',
      );
      expect(facts).toEqual({ usesLiveModels: false, batched: false, reversible: true });
    });

    it.each([
      ['a module-level import of the app models it uses', 'from shop.models import Author', ''],
      ['a relative import inside the function', '', '    from ..models import Author'],
      [
        'a module import of the models package',
        'import shop.models',
        '    Author = shop.models.Author',
      ],
      [
        'a package import of models',
        'from shop import models as shop_models',
        '    Author = shop_models.Author',
      ],
      [
        'an import of a contrib app model inside the function',
        '',
        '    from django.contrib.auth.models import Group as Author',
      ],
    ])('given %s, when parsed, then it uses live models', async (_what, moduleLine, bodyLine) => {
      const facts = await dataMigrated(
        [
          moduleLine,
          '',
          'def forwards(apps, schema_editor):',
          ...(bodyLine ? [bodyLine] : []),
          "    Author.objects.update(name='x')",
        ].join('\n'),
        'migrations.RunPython(forwards),',
      );
      expect(facts).toEqual({ usesLiveModels: true, batched: false, reversible: false });
    });

    it('given a helper of the file that imports live models, when the forward function calls it, then the forward function uses live models', async () => {
      const facts = await dataMigrated(
        [
          'def touch(name):',
          '    from shop.models import Author',
          '    Author.objects.filter(name=name).update(name=name)',
          '',
          'def forwards(apps, schema_editor):',
          "    touch('x')",
        ].join('\n'),
        'migrations.RunPython(code=forwards),',
      );
      expect(facts.usesLiveModels).toBe(true);
    });

    it('given live models imported at module level for another function only, or shadowed by apps.get_model, when parsed, then the forward function uses none', async () => {
      const facts = await dataMigrated(
        [
          'from shop.models import Author',
          '',
          'def unused():',
          '    return Author',
          '',
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          "    Author.objects.update(name='x')",
        ].join('\n'),
        'migrations.RunPython(forwards),',
      );
      expect(facts.usesLiveModels).toBe(false);
    });

    it.each([
      ['a function imported from elsewhere', 'from shop.data import forwards', 'forwards'],
      ['a lambda', '', 'lambda apps, schema_editor: None'],
    ])(
      'given RunPython of %s, when parsed, then what the code does is not claimed',
      async (_what, header, code) => {
        const facts = await dataMigrated(header, `migrations.RunPython(${code}),`);
        expect(facts).toEqual({ usesLiveModels: undefined, batched: undefined, reversible: false });
      },
    );

    it.each([
      [
        'iterator(chunk_size=...)',
        ['    for author in Author.objects.iterator(chunk_size=2000):', '        author.save()'],
      ],
      [
        'bulk_update with batch_size',
        ["    Author.objects.bulk_update(authors, ['name'], batch_size=500)"],
      ],
      [
        'a queryset sliced in a while loop',
        [
          '    while True:',
          '        ids = list(Author.objects.filter(name="").values_list("pk", flat=True)[:1000])',
          '        if not ids:',
          '            break',
        ],
      ],
      [
        'a loop over a batching helper of another module',
        ['    for ids in queryset_in_batches(Author.objects.all()):', '        print(ids)'],
      ],
    ])('given a function using %s, when parsed, then it is batched', async (_what, body) => {
      const facts = await dataMigrated(
        [
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          '    authors = []',
          ...body,
        ].join('\n'),
        'migrations.RunPython(forwards),',
      );
      expect(facts.batched).toBe(true);
    });

    it('given the forward function loops over a helper of the file that slices by BATCH_SIZE, when parsed, then it is batched', async () => {
      const facts = await dataMigrated(
        [
          'BATCH_SIZE = 5000',
          '',
          'def queryset_pages(queryset):',
          '    start_pk = 0',
          '    while True:',
          '        qs = queryset.filter(pk__gt=start_pk)[:BATCH_SIZE]',
          '        pks = list(qs.values_list("pk", flat=True))',
          '        if not pks:',
          '            break',
          '        yield pks',
          '        start_pk = pks[-1]',
          '',
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          "    for ids in queryset_pages(Author.objects.order_by('pk')):",
          "        Author.objects.filter(pk__in=ids).update(name='x')",
        ].join('\n'),
        'migrations.RunPython(forwards, migrations.RunPython.noop),',
      );
      expect(facts).toEqual({ usesLiveModels: false, batched: true, reversible: true });
    });

    it('given a loop calling a helper of the file that updates LIMIT BATCH_SIZE rows in SQL, when parsed, then it is batched', async () => {
      const facts = await dataMigrated(
        [
          'BATCH_SIZE = 5000',
          '',
          'def update_batch(cursor):',
          "    cursor.execute(\"UPDATE shop_author SET name = 'x' WHERE id IN (SELECT id FROM shop_author WHERE name = '' LIMIT %s)\", [BATCH_SIZE])",
          '',
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          "    while Author.objects.filter(name='').exists():",
          '        update_batch(schema_editor.connection.cursor())',
        ].join('\n'),
        'migrations.RunPython(forwards),',
      );
      expect(facts.batched).toBe(true);
    });

    it('given a slice outside any loop, when parsed, then it is not batched', async () => {
      const facts = await dataMigrated(
        [
          'def forwards(apps, schema_editor):',
          "    Author = apps.get_model('shop', 'Author')",
          "    first = Author.objects.order_by('pk')[:BATCH_SIZE]",
        ].join('\n'),
        'migrations.RunPython(forwards),',
      );
      expect(facts.batched).toBe(false);
    });
  });

  describe('AddField defaults (add_field on PostgreSQL)', () => {
    const table = { name: 'shop_author' };
    const column = (name: string, sql: string, framework: string, extra: object = {}) => ({
      name,
      type: { sql, framework },
      nullable: false,
      unique: false,
      primaryKey: false,
      default: { kind: 'none' },
      ...extra,
    });
    const addField = async (field: string) =>
      payloads(
        await whenParsed({
          operations: `migrations.AddField(model_name='author', name='rank', field=${field}),`,
        }),
      );
    const dropDefault = {
      kind: 'column.default_changed',
      payload: { table, column: 'rank', default: { kind: 'none' } },
    };

    it('given a NOT NULL field with a default, when added, then the column gets it in the database and loses it right after', async () => {
      expect(await addField('models.IntegerField(default=0)')).toEqual([
        {
          kind: 'column.added',
          payload: {
            table,
            column: column('rank', 'integer', 'IntegerField', {
              default: { kind: 'constant', value: '0', level: 'db' },
            }),
          },
        },
        dropDefault,
      ]);
    });

    it('given a nullable field with a default, when added, then Django fills the rows with it too and drops it', async () => {
      expect(await addField("models.CharField(max_length=5, null=True, default='a')")).toEqual([
        {
          kind: 'column.added',
          payload: {
            table,
            column: column('rank', 'varchar(5)', 'CharField', {
              nullable: true,
              default: { kind: 'constant', value: 'a', level: 'db' },
            }),
          },
        },
        dropDefault,
      ]);
    });

    it('given a nullable field without a default, when added, then no default is involved', async () => {
      expect(await addField('models.IntegerField(null=True)')).toEqual([
        {
          kind: 'column.added',
          payload: { table, column: column('rank', 'integer', 'IntegerField', { nullable: true }) },
        },
      ]);
    });

    it.each([
      ['db_default only', 'models.IntegerField(db_default=1)'],
      ['db_default and default', 'models.IntegerField(db_default=1, default=2)'],
    ])('given %s (Django 5), when added, then the database default stays', async (_what, field) => {
      expect(await addField(field)).toEqual([
        {
          kind: 'column.added',
          payload: {
            table,
            column: column('rank', 'integer', 'IntegerField', {
              default: { kind: 'constant', value: '1', level: 'db' },
            }),
          },
        },
      ]);
    });

    it.each([
      [
        'a callable default (called once: one value for every row)',
        'models.UUIDField(default=uuid.uuid4)',
        'uuid',
        'UUIDField',
        { kind: 'expression', expression: 'uuid.uuid4', volatility: 'immutable', level: 'db' },
      ],
      [
        'a blank NOT NULL text field without a default',
        'models.TextField(blank=True)',
        'text',
        'TextField',
        { kind: 'constant', value: '', level: 'db' },
      ],
      [
        'auto_now_add',
        'models.DateTimeField(auto_now_add=True)',
        'timestamptz',
        'DateTimeField',
        {
          kind: 'expression',
          expression: 'django.utils.timezone.now',
          volatility: 'immutable',
          level: 'db',
        },
      ],
    ])(
      'given %s, when added, then that temporary default is added and dropped',
      async (_what, field, sql, framework, temporary) => {
        expect(await addField(field)).toEqual([
          {
            kind: 'column.added',
            payload: { table, column: column('rank', sql, framework, { default: temporary }) },
          },
          dropDefault,
        ]);
      },
    );

    it('given default=None on a nullable field, when added, then no default is involved', async () => {
      expect(await addField('models.IntegerField(null=True, default=None)')).toEqual([
        {
          kind: 'column.added',
          payload: { table, column: column('rank', 'integer', 'IntegerField', { nullable: true }) },
        },
      ]);
    });

    it('given a foreign key with a default, when added, then the default is dropped after the inline constraint and before the deferred index', async () => {
      const events = await addField(
        "models.ForeignKey(default=1, on_delete=models.CASCADE, to='shop.author')",
      );
      expect(events.map((event) => event.kind)).toEqual([
        'column.added',
        'constraint.added',
        'column.default_changed',
        'index.created',
      ]);
    });
  });
});
