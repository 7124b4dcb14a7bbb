import { createHash } from 'node:crypto';
import type { MigrationSource } from '@schematrace/adapters';

/**
 * Deterministic synthetic migration corpora for the parse-throughput benchmark. One abstract
 * schema history (tables, columns, indexes, constraints, renames, data fixes) is generated per
 * stream with a seeded PRNG, then rendered in each format's own syntax.
 */

// ---------------------------------------------------------------------------------------------
// PRNG

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Abstract schema history

export type ColumnType =
  'int' | 'bigint' | 'string' | 'text' | 'bool' | 'decimal' | 'datetime' | 'date' | 'json' | 'uuid';

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** For `string`. */
  readonly length?: number;
  /** A foreign key to this table's `id`. */
  readonly references?: string;
}

interface TableState {
  name: string;
  columns: Column[];
  indexes: { name: string; unique: boolean; columns: string[] }[];
}

export type Operation =
  | { readonly kind: 'createTable'; readonly table: string; readonly columns: readonly Column[] }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: Column }
  | {
      readonly kind: 'alterColumn';
      readonly table: string;
      readonly before: Column;
      readonly after: Column;
    }
  | { readonly kind: 'removeColumn'; readonly table: string; readonly column: Column }
  | {
      readonly kind: 'renameColumn';
      readonly table: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: 'addIndex';
      readonly table: string;
      readonly name: string;
      readonly columns: readonly string[];
      readonly unique: boolean;
    }
  | {
      readonly kind: 'removeIndex';
      readonly table: string;
      readonly name: string;
      readonly unique: boolean;
    }
  | {
      readonly kind: 'addCheck';
      readonly table: string;
      readonly name: string;
      readonly column: string;
    }
  | {
      readonly kind: 'dataMigration';
      readonly table: string;
      readonly column: Column;
    };

export interface AbstractMigration {
  /** snake_case description, used in file names. */
  readonly slug: string;
  readonly operations: readonly Operation[];
}

const NOUNS = [
  'account',
  'order',
  'invoice',
  'product',
  'customer',
  'shipment',
  'payment',
  'review',
  'category',
  'coupon',
  'address',
  'session',
  'ticket',
  'project',
  'task',
  'comment',
  'tag',
  'warehouse',
  'supplier',
  'report',
];
const ATTRIBUTES = [
  'title',
  'status',
  'amount',
  'total',
  'note',
  'code',
  'email',
  'phone',
  'score',
  'rank',
  'placed_at',
  'due_on',
  'metadata',
  'active',
  'external_ref',
  'priority',
  'currency',
  'label',
  'weight',
  'quantity',
];
const TYPES: readonly ColumnType[] = [
  'int',
  'bigint',
  'string',
  'string',
  'string',
  'text',
  'bool',
  'decimal',
  'datetime',
  'date',
  'json',
  'uuid',
];

/** One stream of schema history (a Django app, an Alembic chain, a folder of SQL files, ...). */
export class SchemaHistory {
  private readonly tables: TableState[] = [];
  private counter = 0;

  constructor(
    private readonly random: Random,
    /** Prefix keeping table names of several streams apart (Django apps). */
    private readonly prefix: string,
    /**
     * Once this many tables exist, a new table replaces an unreferenced old one: the schema
     * stops growing while the history does, as in a long-lived project.
     */
    private readonly maxTables = Number.POSITIVE_INFINITY,
  ) {}

  private fresh(base: string): string {
    this.counter += 1;
    return `${base}_${this.counter}`;
  }

  private column(name: string): Column {
    const type = this.random.pick(TYPES);
    return {
      name,
      type,
      nullable: this.random.chance(0.4),
      ...(type === 'string' ? { length: this.random.pick([20, 50, 100, 255]) } : {}),
    };
  }

  private createTable(): Operation {
    const name = this.fresh(`${this.prefix}${this.random.pick(NOUNS)}`);
    const columns: Column[] = [];
    const count = this.random.int(5, 15);
    for (let i = 0; i < count; i++) {
      columns.push(this.column(this.fresh(this.random.pick(ATTRIBUTES))));
    }
    if (this.tables.length > 0 && this.random.chance(0.6)) {
      const target = this.random.pick(this.tables);
      columns.push({
        name: this.fresh(`${target.name.replace(/_\d+$/, '')}_ref`) + '_id',
        type: 'bigint',
        nullable: this.random.chance(0.3),
        references: target.name,
      });
    }
    this.tables.push({ name, columns: [...columns], indexes: [] });
    return { kind: 'createTable', table: name, columns };
  }

  private nextOperation(): Operation {
    if (this.tables.length < 2) return this.createTable();
    const table = this.random.pick(this.tables);
    const roll = this.random.int(0, 99);
    const plain = table.columns.filter((c) => !c.references);
    if (roll < 14) {
      if (this.tables.length < this.maxTables) return this.createTable();
      const referenced = new Set(
        this.tables.flatMap((other) =>
          other.columns.flatMap((column) => (column.references ? [column.references] : [])),
        ),
      );
      const unreferenced = this.tables.filter((candidate) => !referenced.has(candidate.name));
      if (unreferenced.length > 0) {
        const dropped = this.random.pick(unreferenced);
        this.tables.splice(this.tables.indexOf(dropped), 1);
        return { kind: 'dropTable', table: dropped.name };
      }
    }
    if (roll < 30) {
      const column = this.column(this.fresh(this.random.pick(ATTRIBUTES)));
      table.columns.push(column);
      return { kind: 'addColumn', table: table.name, column };
    }
    if (roll < 42 && plain.length > 0) {
      const before = this.random.pick(plain);
      const after: Column = this.random.chance(0.5)
        ? { ...before, nullable: !before.nullable }
        : before.type === 'string'
          ? { ...before, length: (before.length ?? 50) * 2 }
          : { ...before, type: before.type === 'int' ? 'bigint' : 'text', length: undefined };
      table.columns[table.columns.indexOf(before)] = after;
      return { kind: 'alterColumn', table: table.name, before, after };
    }
    const indexed = new Set(table.indexes.flatMap((index) => index.columns));
    const free = plain.filter((c) => !indexed.has(c.name));
    if (roll < 50 && free.length > 3) {
      const column = this.random.pick(free);
      table.columns.splice(table.columns.indexOf(column), 1);
      return { kind: 'removeColumn', table: table.name, column };
    }
    if (roll < 57 && plain.length > 0) {
      const column = this.random.pick(plain);
      const to = this.fresh(column.name.replace(/_\d+$/, '') + '_new');
      table.columns[table.columns.indexOf(column)] = { ...column, name: to };
      for (const index of table.indexes) {
        index.columns = index.columns.map((c) => (c === column.name ? to : c));
      }
      return { kind: 'renameColumn', table: table.name, from: column.name, to };
    }
    if (roll < 60) {
      const from = table.name;
      table.name = this.fresh(`${this.prefix}${this.random.pick(NOUNS)}`);
      for (const other of this.tables) {
        other.columns = other.columns.map((c) =>
          c.references === from ? { ...c, references: table.name } : c,
        );
      }
      return { kind: 'renameTable', from, to: table.name };
    }
    if (roll < 74 && plain.length > 0) {
      const first = this.random.pick(plain);
      const second = this.random.chance(0.3) ? this.random.pick(plain) : first;
      const columns = first === second ? [first.name] : [first.name, second.name];
      const name = `ix_${this.counter + 1}`;
      this.counter += 1;
      const unique = this.random.chance(0.25);
      table.indexes.push({ name, unique, columns });
      return { kind: 'addIndex', table: table.name, name, columns, unique };
    }
    if (roll < 78 && table.indexes.length > 0) {
      const { name, unique } = table.indexes.pop()!;
      return { kind: 'removeIndex', table: table.name, name, unique };
    }
    const numeric = plain.filter((c) => c.type === 'int' || c.type === 'bigint');
    if (roll < 86 && numeric.length > 0) {
      this.counter += 1;
      return {
        kind: 'addCheck',
        table: table.name,
        name: `ck_${this.counter}`,
        column: this.random.pick(numeric).name,
      };
    }
    if (roll < 96 && plain.length > 0) {
      return { kind: 'dataMigration', table: table.name, column: this.random.pick(plain) };
    }
    if (this.tables.length > 4 && !this.tables.some((t) => t !== table && referencesTo(t, table))) {
      this.tables.splice(this.tables.indexOf(table), 1);
      return { kind: 'dropTable', table: table.name };
    }
    return this.createTable();
  }

  /** The next migration: the first creates tables, the others mix 1–4 operations. */
  nextMigration(): AbstractMigration {
    const first = this.tables.length === 0;
    const count = first ? this.random.int(2, 4) : this.random.int(1, 4);
    const operations: Operation[] = [];
    for (let i = 0; i < count; i++)
      operations.push(first ? this.createTable() : this.nextOperation());
    const lead = operations[0]!;
    const slug = first
      ? 'initial'
      : `${snake(lead.kind)}_${'table' in lead ? lead.table.replace(/_\d+$/, '') : 'schema'}`;
    return { slug, operations };
  }
}

function referencesTo(table: TableState, target: TableState): boolean {
  return table.columns.some((c) => c.references === target.name);
}

function snake(text: string): string {
  return text.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camel(text: string): string {
  return text
    .split(/[_\W]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export function sourceOf(path: string, content: string): MigrationSource {
  return { path, content, checksum: createHash('sha256').update(content).digest('hex') };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A timestamp `YYYYMMDDHHMMSS`, minutes apart, for file names. */
function stamp(index: number): string {
  const date = new Date(Date.UTC(2020, 0, 1) + index * 37 * 60_000);
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}` +
    `${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}`
  );
}

// ---------------------------------------------------------------------------------------------
// Django

function djangoField(column: Column, app: string, modelOf: (table: string) => string): string {
  const extra = column.nullable ? ', null=True' : '';
  if (column.references) {
    return `models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='${app}.${modelOf(column.references).toLowerCase()}'${extra})`;
  }
  switch (column.type) {
    case 'int':
      return `models.IntegerField(${extra.slice(2)})`;
    case 'bigint':
      return `models.BigIntegerField(${extra.slice(2)})`;
    case 'string':
      return `models.CharField(max_length=${column.length ?? 50}${extra})`;
    case 'text':
      return `models.TextField(${extra.slice(2)})`;
    case 'bool':
      return `models.BooleanField(default=False${extra})`;
    case 'decimal':
      return `models.DecimalField(decimal_places=2, max_digits=12${extra})`;
    case 'datetime':
      return `models.DateTimeField(${extra.slice(2)})`;
    case 'date':
      return `models.DateField(${extra.slice(2)})`;
    case 'json':
      return `models.JSONField(default=dict${extra})`;
    case 'uuid':
      return `models.UUIDField(${extra.slice(2)})`;
  }
}

/** Django field name for a column: foreign keys drop the `_id` Django appends. */
function djangoName(column: Column | string): string {
  const name = typeof column === 'string' ? column : column.name;
  return typeof column !== 'string' && column.references ? name.replace(/_id$/, '') : name;
}

function renderDjango(
  app: string,
  migration: AbstractMigration,
  dependencies: readonly (readonly [string, string])[],
): string {
  const modelOf = (table: string): string => camel(table.slice(app.length + 1));
  const model = (table: string): string => modelOf(table).toLowerCase();
  const functions: string[] = [];
  const ops = migration.operations.map((op, index): string => {
    switch (op.kind) {
      case 'createTable':
        return [
          `        migrations.CreateModel(`,
          `            name='${modelOf(op.table)}',`,
          `            fields=[`,
          `                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),`,
          ...op.columns.map(
            (c) => `                ('${djangoName(c)}', ${djangoField(c, app, modelOf)}),`,
          ),
          `            ],`,
          `            options={'db_table': '${op.table}'},`,
          `        ),`,
        ].join('\n');
      case 'dropTable':
        return `        migrations.DeleteModel(\n            name='${modelOf(op.table)}',\n        ),`;
      case 'renameTable':
        return [
          `        migrations.RenameModel(old_name='${modelOf(op.from)}', new_name='${modelOf(op.to)}'),`,
          `        migrations.AlterModelTable(name='${model(op.to)}', table='${op.to}'),`,
        ].join('\n');
      case 'addColumn':
        return [
          `        migrations.AddField(`,
          `            model_name='${model(op.table)}',`,
          `            name='${djangoName(op.column)}',`,
          `            field=${djangoField(op.column, app, modelOf)},`,
          `        ),`,
        ].join('\n');
      case 'alterColumn':
        return [
          `        migrations.AlterField(`,
          `            model_name='${model(op.table)}',`,
          `            name='${djangoName(op.after)}',`,
          `            field=${djangoField(op.after, app, modelOf)},`,
          `        ),`,
        ].join('\n');
      case 'removeColumn':
        return `        migrations.RemoveField(\n            model_name='${model(op.table)}',\n            name='${djangoName(op.column)}',\n        ),`;
      case 'renameColumn':
        return `        migrations.RenameField(\n            model_name='${model(op.table)}',\n            old_name='${op.from}',\n            new_name='${op.to}',\n        ),`;
      case 'addIndex':
        return op.unique
          ? `        migrations.AddConstraint(\n            model_name='${model(op.table)}',\n            constraint=models.UniqueConstraint(fields=(${op.columns.map((c) => `'${c}'`).join(', ')},), name='${op.name}'),\n        ),`
          : `        migrations.AddIndex(\n            model_name='${model(op.table)}',\n            index=models.Index(fields=[${op.columns.map((c) => `'${c}'`).join(', ')}], name='${op.name}'),\n        ),`;
      case 'removeIndex':
        return `        migrations.Remove${op.unique ? 'Constraint' : 'Index'}(\n            model_name='${model(op.table)}',\n            name='${op.name}',\n        ),`;
      case 'addCheck':
        return `        migrations.AddConstraint(\n            model_name='${model(op.table)}',\n            constraint=models.CheckConstraint(condition=models.Q(${op.column}__gte=0), name='${op.name}'),\n        ),`;
      case 'dataMigration': {
        if (index % 2 === 0) {
          const fn = `backfill_${index}`;
          functions.push(
            `def ${fn}(apps, schema_editor):\n    Model = apps.get_model('${app}', '${modelOf(op.table)}')\n    for row in Model.objects.filter(${op.column.name}__isnull=True).iterator():\n        row.save()\n`,
          );
          return `        migrations.RunPython(${fn}, migrations.RunPython.noop),`;
        }
        return `        migrations.RunSQL(\n            "UPDATE ${op.table} SET ${op.column.name} = ${op.column.name} WHERE id > 0",\n            reverse_sql=migrations.RunSQL.noop,\n        ),`;
      }
    }
  });
  return [
    `# Generated by Django 5.1 on 2024-01-01 00:00`,
    ``,
    `import django.db.models.deletion`,
    `from django.db import migrations, models`,
    ``,
    ...functions.map((f) => `\n${f}`),
    ``,
    `class Migration(migrations.Migration):`,
    ``,
    ...(dependencies.length === 0 ? ['    initial = True', ''] : []),
    `    dependencies = [`,
    ...dependencies.map(([a, n]) => `        ('${a}', '${n}'),`),
    `    ]`,
    ``,
    `    operations = [`,
    ...ops,
    `    ]`,
    ``,
  ].join('\n');
}

/** Django: `apps` apps, each its own history; later migrations sometimes depend on another app. */
export function djangoCorpus(total: number, seed: number, apps = 10): MigrationSource[] {
  const random = seeded(seed);
  const labels = Array.from({ length: apps }, (_, i) => `${NOUNS[i % NOUNS.length]!}s${i}`);
  const histories = labels.map((label) => new SchemaHistory(random, `${label}_`));
  const names = labels.map((): string[] => []);
  const sources: MigrationSource[] = [];
  for (let i = 0; i < total; i++) {
    const a = i % apps;
    const label = labels[a]!;
    const own = names[a]!;
    const migration = histories[a]!.nextMigration();
    const name = `${pad(own.length + 1, 4)}_${migration.slug}`.slice(0, 60);
    const dependencies: [string, string][] = own.length > 0 ? [[label, own.at(-1)!]] : [];
    if (own.length > 0 && random.chance(0.2)) {
      const other = random.int(0, apps - 1);
      const theirs = names[other]!;
      if (other !== a && theirs.length > 0) {
        // Only to an earlier-numbered migration: the graph stays acyclic.
        const upTo = Math.min(theirs.length, own.length) - 1;
        if (upTo >= 0) dependencies.push([labels[other]!, theirs[random.int(0, upTo)]!]);
      }
    }
    own.push(name);
    sources.push(
      sourceOf(`${label}/migrations/${name}.py`, renderDjango(label, migration, dependencies)),
    );
  }
  return sources;
}

// ---------------------------------------------------------------------------------------------
// Alembic

function saType(column: Column): string {
  switch (column.type) {
    case 'int':
      return 'sa.Integer()';
    case 'bigint':
      return 'sa.BigInteger()';
    case 'string':
      return `sa.String(length=${column.length ?? 50})`;
    case 'text':
      return 'sa.Text()';
    case 'bool':
      return 'sa.Boolean()';
    case 'decimal':
      return 'sa.Numeric(precision=12, scale=2)';
    case 'datetime':
      return 'sa.DateTime(timezone=True)';
    case 'date':
      return 'sa.Date()';
    case 'json':
      return 'postgresql.JSONB(astext_type=sa.Text())';
    case 'uuid':
      return 'sa.Uuid()';
  }
}

function saColumn(column: Column): string {
  const fk = column.references ? `, sa.ForeignKey('${column.references}.id')` : '';
  const nullable = `nullable=${column.nullable ? 'True' : 'False'}`;
  const server =
    column.type === 'bool' && !column.nullable ? ", server_default=sa.text('false')" : '';
  return `sa.Column('${column.name}', ${saType(column)}${fk}, ${nullable}${server})`;
}

function renderAlembicOps(migration: AbstractMigration): string[] {
  return migration.operations.flatMap((op): string[] => {
    switch (op.kind) {
      case 'createTable':
        return [
          `    op.create_table(`,
          `        '${op.table}',`,
          `        sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),`,
          ...op.columns.map((c) => `        ${saColumn(c)},`),
          `        sa.PrimaryKeyConstraint('id', name='pk_${op.table}'),`,
          `    )`,
        ];
      case 'dropTable':
        return [`    op.drop_table('${op.table}')`];
      case 'renameTable':
        return [`    op.rename_table('${op.from}', '${op.to}')`];
      case 'addColumn':
        return [`    op.add_column('${op.table}', ${saColumn(op.column)})`];
      case 'alterColumn':
        return [
          `    op.alter_column('${op.table}', '${op.after.name}', existing_type=${saType(op.before)}, type_=${saType(op.after)}, existing_nullable=${op.before.nullable ? 'True' : 'False'}, nullable=${op.after.nullable ? 'True' : 'False'})`,
        ];
      case 'removeColumn':
        return [`    op.drop_column('${op.table}', '${op.column.name}')`];
      case 'renameColumn':
        return [`    op.alter_column('${op.table}', '${op.from}', new_column_name='${op.to}')`];
      case 'addIndex':
        return [
          `    op.create_index('${op.name}', '${op.table}', [${op.columns.map((c) => `'${c}'`).join(', ')}], unique=${op.unique ? 'True' : 'False'})`,
        ];
      case 'removeIndex':
        return [`    op.drop_index('${op.name}', table_name='${op.table}')`];
      case 'addCheck':
        return [`    op.create_check_constraint('${op.name}', '${op.table}', '${op.column} >= 0')`];
      case 'dataMigration':
        return [
          `    op.execute("UPDATE ${op.table} SET ${op.column.name} = ${op.column.name} WHERE id > 0")`,
        ];
    }
  });
}

function hexId(random: Random): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += '0123456789abcdef'[random.int(0, 15)];
  return id;
}

/**
 * Alembic: one linear chain of revisions; every ~400 revisions it forks into two short branches
 * (parallel heads, as two developers would create) that a merge revision joins again.
 */
export function alembicCorpus(total: number, seed: number): MigrationSource[] {
  const random = seeded(seed);
  const history = new SchemaHistory(random, '');
  const sources: MigrationSource[] = [];
  const emit = (revision: string, down: readonly string[], migration: AbstractMigration): void => {
    const index = sources.length;
    const downText =
      down.length === 0
        ? 'None'
        : down.length === 1
          ? `'${down[0]}'`
          : `(${down.map((d) => `'${d}'`).join(', ')})`;
    const body = migration.operations.length > 0 ? renderAlembicOps(migration) : ['    pass'];
    const content = [
      `"""${migration.slug.replace(/_/g, ' ')}`,
      ``,
      `Revision ID: ${revision}`,
      `Revises: ${down.join(', ')}`,
      `Create Date: 2024-01-01 00:00:00.000000`,
      ``,
      `"""`,
      `from alembic import op`,
      `import sqlalchemy as sa`,
      `from sqlalchemy.dialects import postgresql`,
      ``,
      `# revision identifiers, used by Alembic.`,
      `revision = '${revision}'`,
      `down_revision = ${downText}`,
      `branch_labels = None`,
      `depends_on = None`,
      ``,
      ``,
      `def upgrade() -> None:`,
      ...body,
      ``,
      ``,
      `def downgrade() -> None:`,
      `    pass`,
      ``,
    ].join('\n');
    sources.push(sourceOf(`alembic/versions/${revision}_${migration.slug}_${index}.py`, content));
  };
  let head: string | undefined;
  while (sources.length < total) {
    const remaining = total - sources.length;
    if (head !== undefined && sources.length % 400 === 399 && remaining >= 7) {
      // Fork: two branches of 3 from the same parent, then a merge.
      const tips: string[] = [];
      for (let b = 0; b < 2; b++) {
        let parent = head;
        for (let k = 0; k < 3; k++) {
          const revision = hexId(random);
          emit(revision, [parent], history.nextMigration());
          parent = revision;
        }
        tips.push(parent);
      }
      const merge = hexId(random);
      emit(merge, tips, { slug: 'merge_heads', operations: [] });
      head = merge;
      continue;
    }
    const revision = hexId(random);
    emit(revision, head === undefined ? [] : [head], history.nextMigration());
    head = revision;
  }
  return sources;
}

// ---------------------------------------------------------------------------------------------
// SQL (Flyway and Prisma)

function sqlType(column: Column): string {
  switch (column.type) {
    case 'int':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'string':
      return `varchar(${column.length ?? 50})`;
    case 'text':
      return 'text';
    case 'bool':
      return 'boolean';
    case 'decimal':
      return 'numeric(12,2)';
    case 'datetime':
      return 'timestamptz';
    case 'date':
      return 'date';
    case 'json':
      return 'jsonb';
    case 'uuid':
      return 'uuid';
  }
}

/** Prisma's own spelling of types (upper case, precision in the name). */
function prismaType(column: Column): string {
  switch (column.type) {
    case 'int':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'string':
      return `VARCHAR(${column.length ?? 50})`;
    case 'text':
      return 'TEXT';
    case 'bool':
      return 'BOOLEAN';
    case 'decimal':
      return 'DECIMAL(12,2)';
    case 'datetime':
      return 'TIMESTAMP(3)';
    case 'date':
      return 'DATE';
    case 'json':
      return 'JSONB';
    case 'uuid':
      return 'UUID';
  }
}

function renderSql(migration: AbstractMigration, style: 'flyway' | 'prisma'): string {
  const prisma = style === 'prisma';
  const q = (name: string): string => (prisma ? `"${name}"` : name);
  const type = prisma ? prismaType : sqlType;
  const columnDef = (c: Column): string =>
    `${q(c.name)} ${type(c)}${c.nullable ? '' : ' NOT NULL'}${c.type === 'bool' && !c.nullable ? ' DEFAULT false' : ''}`;
  const statements = migration.operations.flatMap((op): string[] => {
    switch (op.kind) {
      case 'createTable': {
        const lines = [
          prisma ? `    "id" BIGSERIAL NOT NULL` : `    id bigserial PRIMARY KEY`,
          ...op.columns.map((c) => `    ${columnDef(c)}`),
          ...(prisma ? [`    CONSTRAINT "${op.table}_pkey" PRIMARY KEY ("id")`] : []),
          ...(!prisma
            ? op.columns
                .filter((c) => c.references)
                .map(
                  (c) =>
                    `    CONSTRAINT ${op.table}_${c.name}_fkey FOREIGN KEY (${c.name}) REFERENCES ${c.references}(id)`,
                )
            : []),
        ];
        const create = `${prisma ? '-- CreateTable\n' : ''}CREATE TABLE ${q(op.table)} (\n${lines.join(',\n')}\n);`;
        const fks = prisma
          ? op.columns
              .filter((c) => c.references)
              .map(
                (c) =>
                  `-- AddForeignKey\nALTER TABLE "${op.table}" ADD CONSTRAINT "${op.table}_${c.name}_fkey" FOREIGN KEY ("${c.name}") REFERENCES "${c.references}"("id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
              )
          : [];
        return [create, ...fks];
      }
      case 'dropTable':
        return [`${prisma ? '-- DropTable\n' : ''}DROP TABLE ${q(op.table)};`];
      case 'renameTable':
        return [`ALTER TABLE ${q(op.from)} RENAME TO ${q(op.to)};`];
      case 'addColumn':
        return [
          `${prisma ? '-- AlterTable\n' : ''}ALTER TABLE ${q(op.table)} ADD COLUMN ${columnDef(op.column)};`,
        ];
      case 'alterColumn': {
        const parts: string[] = [];
        if (op.before.type !== op.after.type || op.before.length !== op.after.length) {
          parts.push(
            `ALTER COLUMN ${q(op.after.name)} SET DATA TYPE ${type(op.after)}${prisma ? '' : ` USING ${op.after.name}::${sqlType(op.after)}`}`,
          );
        }
        if (op.before.nullable !== op.after.nullable) {
          parts.push(
            `ALTER COLUMN ${q(op.after.name)} ${op.after.nullable ? 'DROP' : 'SET'} NOT NULL`,
          );
        }
        if (parts.length === 0) return [];
        return [
          `${prisma ? '-- AlterTable\n' : ''}ALTER TABLE ${q(op.table)} ${parts.join(',\n    ')};`,
        ];
      }
      case 'removeColumn':
        return [`ALTER TABLE ${q(op.table)} DROP COLUMN ${q(op.column.name)};`];
      case 'renameColumn':
        return [`ALTER TABLE ${q(op.table)} RENAME COLUMN ${q(op.from)} TO ${q(op.to)};`];
      case 'addIndex':
        return [
          `${prisma ? '-- CreateIndex\n' : ''}CREATE ${op.unique ? 'UNIQUE ' : ''}INDEX ${q(op.name)} ON ${q(op.table)}${prisma ? '' : ' USING btree'}(${op.columns.map(q).join(', ')});`,
        ];
      case 'removeIndex':
        return [`${prisma ? '-- DropIndex\n' : ''}DROP INDEX ${q(op.name)};`];
      case 'addCheck':
        return [
          `ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${q(op.name)} CHECK (${q(op.column)} >= 0);`,
        ];
      case 'dataMigration':
        return [
          `UPDATE ${q(op.table)} SET ${q(op.column.name)} = ${q(op.column.name)} WHERE ${q('id')} > 0;`,
        ];
    }
  });
  return `${statements.join('\n\n')}\n`;
}

/** Flyway: `db/migration/V<n>__<slug>.sql`, a few with dotted versions, plus repeatable views. */
export function flywayCorpus(total: number, seed: number): MigrationSource[] {
  const random = seeded(seed);
  const history = new SchemaHistory(random, '');
  const sources: MigrationSource[] = [];
  for (let i = 1; sources.length < total; i++) {
    const migration = history.nextMigration();
    const version = i % 50 === 0 ? `${i}_1` : String(i);
    sources.push(
      sourceOf(`db/migration/V${version}__${migration.slug}.sql`, renderSql(migration, 'flyway')),
    );
  }
  return sources;
}

/** Prisma Migrate: `prisma/migrations/<timestamp>_<slug>/migration.sql`. */
export function prismaCorpus(total: number, seed: number): MigrationSource[] {
  const random = seeded(seed);
  const history = new SchemaHistory(random, '');
  const sources: MigrationSource[] = [];
  for (let i = 0; i < total; i++) {
    const migration = history.nextMigration();
    sources.push(
      sourceOf(
        `prisma/migrations/${stamp(i)}_${migration.slug}/migration.sql`,
        renderSql(migration, 'prisma'),
      ),
    );
  }
  return sources;
}

// ---------------------------------------------------------------------------------------------
// Rails

function railsType(column: Column): string {
  switch (column.type) {
    case 'int':
      return ':integer';
    case 'bigint':
      return ':bigint';
    case 'string':
      return `:string, limit: ${column.length ?? 50}`;
    case 'text':
      return ':text';
    case 'bool':
      return ':boolean, default: false';
    case 'decimal':
      return ':decimal, precision: 12, scale: 2';
    case 'datetime':
      return ':datetime';
    case 'date':
      return ':date';
    case 'json':
      return ':jsonb';
    case 'uuid':
      return ':uuid';
  }
}

function railsOptions(column: Column): string {
  const [type, ...options] = railsType(column).split(', ');
  const all = [...options, ...(column.nullable ? [] : ['null: false'])];
  return `${type!.slice(1)}${all.length > 0 ? `, ${all.join(', ')}` : ''}`;
}

function renderRails(className: string, migration: AbstractMigration): string {
  const body = migration.operations.flatMap((op): string[] => {
    switch (op.kind) {
      case 'createTable':
        return [
          `    create_table :${op.table} do |t|`,
          ...op.columns.map((c) => {
            const [type, ...rest] = railsOptions(c).split(', ');
            return `      t.${type} :${c.name}${rest.length > 0 ? `, ${rest.join(', ')}` : ''}`;
          }),
          `      t.timestamps`,
          `    end`,
          ...op.columns
            .filter((c) => c.references)
            .map((c) => `    add_foreign_key :${op.table}, :${c.references}, column: :${c.name}`),
        ];
      case 'dropTable':
        return [`    drop_table :${op.table}`];
      case 'renameTable':
        return [`    rename_table :${op.from}, :${op.to}`];
      case 'addColumn':
        return [`    add_column :${op.table}, :${op.column.name}, :${railsOptions(op.column)}`];
      case 'alterColumn':
        return op.before.nullable !== op.after.nullable
          ? [`    change_column_null :${op.table}, :${op.after.name}, ${op.after.nullable}`]
          : [`    change_column :${op.table}, :${op.after.name}, :${railsOptions(op.after)}`];
      case 'removeColumn':
        return [`    remove_column :${op.table}, :${op.column.name}, :${railsOptions(op.column)}`];
      case 'renameColumn':
        return [`    rename_column :${op.table}, :${op.from}, :${op.to}`];
      case 'addIndex':
        return [
          `    add_index :${op.table}, ${op.columns.length === 1 ? `:${op.columns[0]}` : `[${op.columns.map((c) => `:${c}`).join(', ')}]`}, name: '${op.name}'${op.unique ? ', unique: true' : ''}`,
        ];
      case 'removeIndex':
        return [`    remove_index :${op.table}, name: '${op.name}'`];
      case 'addCheck':
        return [`    add_check_constraint :${op.table}, '${op.column} >= 0', name: '${op.name}'`];
      case 'dataMigration':
        return [
          `    reversible do |dir|`,
          `      dir.up do`,
          `        execute <<~SQL`,
          `          UPDATE ${op.table} SET ${op.column.name} = ${op.column.name} WHERE id > 0`,
          `        SQL`,
          `      end`,
          `    end`,
        ];
    }
  });
  return [
    `class ${className} < ActiveRecord::Migration[7.1]`,
    `  def change`,
    ...body,
    `  end`,
    `end`,
    ``,
  ].join('\n');
}

/** Rails: `db/migrate/<timestamp>_<slug>_<n>.rb`, class names matching the file names. */
export function railsCorpus(total: number, seed: number): MigrationSource[] {
  const random = seeded(seed);
  const history = new SchemaHistory(random, '');
  const sources: MigrationSource[] = [];
  for (let i = 0; i < total; i++) {
    const migration = history.nextMigration();
    const name = `${migration.slug}_${i}`;
    sources.push(
      sourceOf(`db/migrate/${stamp(i)}_${name}.rb`, renderRails(camel(name), migration)),
    );
  }
  return sources;
}
