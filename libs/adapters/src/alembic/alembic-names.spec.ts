import {
  chooseConstraintName,
  conventionIndexName,
  makeObjectName,
  postgresConstraintName,
} from './alembic-names';

describe('names of unnamed objects', () => {
  it.each([
    ['primary-key', 'orders', [], 'orders_pkey'],
    ['unique', 'accounts', ['email'], 'accounts_email_key'],
    ['unique', 'accounts', ['org_id', 'email'], 'accounts_org_id_email_key'],
    ['foreign-key', 'orders', ['account_id'], 'orders_account_id_fkey'],
    ['check', 'orders', ['total'], 'orders_total_check'],
    ['check', 'orders', ['starts_at', 'ends_at'], 'orders_check'],
    ['check', 'orders', [], 'orders_check'],
    ['exclusion', 'rooms', ['room_id'], 'rooms_room_id_excl'],
  ] as const)(
    'given a %s constraint on %s %j, when PostgreSQL names it, then it is %s',
    (type, table, columns, name) => {
      expect(postgresConstraintName(type, table, columns)).toBe(name);
    },
  );

  it('given a name that is taken, when PostgreSQL names another, then the label gets a counter', () => {
    expect(chooseConstraintName('t', 'a', 'key', new Set(['t_a_key', 't_a_key1']))).toBe(
      't_a_key2',
    );
  });

  it('given long names, when PostgreSQL names a constraint, then the longer part is cut first to fit 63 characters', () => {
    const table = 'a'.repeat(40);
    const column = 'b'.repeat(30);
    const name = makeObjectName(table, column, 'fkey');
    expect(name).toHaveLength(63);
    expect(name).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
  });

  it('given a column with index=True, when SQLAlchemy names its index, then it is ix_<table>_<column>', () => {
    expect(conventionIndexName('orders', 'account_id')).toBe('ix_orders_account_id');
  });

  it('given a convention name over 63 characters, when SQLAlchemy names the index, then it is cut and suffixed with an md5 digest', () => {
    const name = conventionIndexName('t'.repeat(40), 'c'.repeat(30));
    expect(name).toHaveLength(60);
    expect(name).toMatch(/^ix_t{40}_c{11}_[0-9a-f]{4}$/);
  });
});
