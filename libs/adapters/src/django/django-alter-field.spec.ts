import { givenDjangoProject, type ParsedDjangoProject } from '../testing/django-project';
import { fixtureSources } from '../testing/migration-fixtures';

const account = { name: 'bank_account' };
const ledger = { name: 'bank_ledger' };

describe('AlterField (alterations fixture: each operation of bank 0002 changes one thing)', () => {
  let project: ParsedDjangoProject;
  beforeAll(async () => {
    project = await givenDjangoProject(fixtureSources('django', 'alterations')).whenParsed();
  });

  const operation = (opIndex: number) =>
    project
      .operation('bank', '0002_alterations', opIndex)
      .map(({ kind, payload }) => ({ kind, payload }));

  it('given a longer max_length, when altered, then the type changes without a cast', () => {
    expect(operation(0)).toEqual([
      {
        kind: 'column.type_changed',
        payload: {
          table: account,
          column: 'name',
          type: { sql: 'varchar(100)', framework: 'CharField' },
        },
      },
    ]);
  });

  it('given NULL to NOT NULL with a default, when altered, then NULL rows are backfilled, the default and nullability change', () => {
    expect(operation(1)).toEqual([
      {
        kind: 'data.migrated',
        payload: {
          operation: 'update',
          description: `UPDATE "bank_account" SET "nickname" = 'anon' WHERE "nickname" IS NULL`,
          table: account,
          hasWhere: true,
        },
      },
      {
        kind: 'column.default_changed',
        payload: {
          table: account,
          column: 'nickname',
          default: { kind: 'constant', value: 'anon', level: 'app' },
        },
      },
      {
        kind: 'column.nullability_changed',
        payload: { table: account, column: 'nickname', nullable: false },
      },
    ]);
  });

  it('given integer to bigint, when altered, then the type changes with a USING cast', () => {
    expect(operation(2)).toEqual([
      {
        kind: 'column.type_changed',
        payload: {
          table: account,
          column: 'balance',
          type: { sql: 'bigint', framework: 'BigIntegerField' },
          using: '"balance"::bigint',
        },
      },
    ]);
  });

  it('given unique removed, when altered, then the inline unique constraint and its _like index are dropped', () => {
    expect(operation(3)).toEqual([
      { kind: 'constraint.dropped', payload: { table: account, name: 'bank_account_code_key' } },
      {
        kind: 'index.dropped',
        payload: { table: account, name: 'bank_account_code_1353d365_like', ifExists: true },
      },
    ]);
  });

  it('given db_index replaced by unique, when altered, then the indexes go and a unique constraint comes', () => {
    expect(operation(4)).toEqual([
      {
        kind: 'index.dropped',
        payload: { table: account, name: 'bank_account_status_e0856d16', ifExists: true },
      },
      {
        kind: 'index.dropped',
        payload: { table: account, name: 'bank_account_status_e0856d16_like', ifExists: true },
      },
      {
        kind: 'constraint.added',
        payload: {
          table: account,
          constraint: {
            name: 'bank_account_status_e0856d16_uniq',
            type: 'unique',
            columns: ['status'],
          },
        },
      },
      {
        kind: 'index.created',
        payload: {
          table: account,
          index: { name: 'bank_account_status_e0856d16_like', columns: ['status'] },
        },
      },
    ]);
  });

  it('given only help_text and verbose_name changed, when altered, then nothing is emitted', () => {
    expect(operation(5)).toEqual([]);
  });

  it('given a positive integer becoming a plain integer, when altered, then only its CHECK is dropped', () => {
    expect(operation(6)).toEqual([
      { kind: 'constraint.dropped', payload: { table: account, name: 'bank_account_score_check' } },
    ]);
  });

  it('given NOT NULL without a default and a db_comment, when altered, then nullability and comment change', () => {
    expect(operation(7)).toEqual([
      {
        kind: 'column.nullability_changed',
        payload: { table: account, column: 'owner_id', nullable: false },
      },
      {
        kind: 'column.comment_changed',
        payload: { table: account, column: 'owner_id', comment: 'Who opened it' },
      },
    ]);
  });

  it('given db_column, when altered, then the column is renamed', () => {
    expect(operation(8)).toEqual([
      { kind: 'column.renamed', payload: { table: account, column: 'name', newName: 'full_name' } },
    ]);
  });

  it('given default moved to db_default, when altered, then the default becomes a database default', () => {
    expect(operation(9)).toEqual([
      {
        kind: 'column.default_changed',
        payload: {
          table: account,
          column: 'balance',
          default: { kind: 'constant', value: '0', level: 'db' },
        },
      },
    ]);
  });

  it('given a widened primary key, when altered, then referencing foreign keys are dropped, retyped and re-added', () => {
    const fk = 'bank_ledger_account_id_422d7996_fk_bank_account_id';
    expect(operation(10)).toEqual([
      { kind: 'constraint.dropped', payload: { table: ledger, name: fk } },
      {
        kind: 'column.type_changed',
        payload: {
          table: account,
          column: 'id',
          type: { sql: 'bigint', framework: 'BigAutoField' },
          using: '"id"::bigint',
        },
      },
      {
        kind: 'column.type_changed',
        payload: {
          table: ledger,
          column: 'account_id',
          type: { sql: 'bigint', framework: 'ForeignKey' },
          using: '"account_id"::bigint',
        },
      },
      {
        kind: 'constraint.added',
        payload: {
          table: ledger,
          constraint: {
            name: fk,
            type: 'foreign-key',
            columns: ['account_id'],
            references: { table: account, columns: ['id'], onDelete: 'no action' },
          },
        },
      },
    ]);
  });

  it('given a field earlier migrations never defined, when altered, then the operation is reported as not understood', () => {
    expect(operation(11)).toEqual([
      {
        kind: 'migration.unparsed',
        payload: {
          reason:
            'line 81: AlterField bank.Account.iban: the previous definition is unknown (not defined by earlier migrations)',
          line: 81,
        },
      },
    ]);
  });

  it('given preserve_default=False, when altered, then the one-off default backfills but is not kept', () => {
    expect(operation(12)).toEqual([
      {
        kind: 'data.migrated',
        payload: {
          operation: 'update',
          description: `UPDATE "bank_account" SET "note" = '-' WHERE "note" IS NULL`,
          table: account,
          hasWhere: true,
        },
      },
      {
        kind: 'column.nullability_changed',
        payload: { table: account, column: 'note', nullable: false },
      },
    ]);
  });
});
