import {
  createIndexName,
  defaultTableName,
  foreignKeyName,
  manyToManyTableName,
  namesDigest,
  postgresConstraintName,
  primaryKeyName,
  truncateName,
} from './django-names';

// Expected values are names Django's own contrib apps get on PostgreSQL (`sqlmigrate auth 0001`,
// `sqlmigrate contenttypes 0001`, `sqlmigrate sessions 0001`).
describe('django names', () => {
  it('given table and columns, when digested, then it is md5 over their concatenation', () => {
    expect(namesDigest(['auth_permission', 'content_type_id'], 8)).toBe('2f476e4b');
  });

  it.each([
    ['auth_group_permissions', ['group_id'], '', 'auth_group_permissions_group_id_b120cbf9'],
    ['auth_group', ['name'], '_like', 'auth_group_name_a6ea08ec_like'],
    ['django_session', ['expire_date'], '', 'django_session_expire_date_a5c62663'],
    [
      'auth_group_permissions',
      ['group_id', 'permission_id'],
      '_uniq',
      'auth_group_permissions_group_id_permission_id_0cd325b0_uniq',
    ],
    [
      'django_content_type',
      ['app_label', 'model'],
      '_uniq',
      'django_content_type_app_label_model_76bd3d3b_uniq',
    ],
  ])(
    'given %s(%j) and suffix %j, when an index is named, then it is %s',
    (table, columns, suffix, expected) => {
      expect(createIndexName(table, columns, suffix)).toBe(expected);
    },
  );

  it('given a foreign key whose name would pass 63 characters, when named, then Django shortens it', () => {
    expect(foreignKeyName('auth_permission', 'content_type_id', 'django_content_type', 'id')).toBe(
      'auth_permission_content_type_id_2f476e4b_fk_django_co',
    );
  });

  it('given a short foreign key, when named, then it spells both tables', () => {
    expect(foreignKeyName('shop_book', 'author_id', 'shop_author', 'id')).toBe(
      `shop_book_author_id_${namesDigest(['shop_book', 'author_id'], 8)}_fk_shop_author_id`,
    );
  });

  it('given a name starting with a digit after shortening, when named, then it is prefixed with D', () => {
    const name = createIndexName('1'.repeat(70), ['c'], '');
    expect(name.startsWith('D')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(63);
  });

  it('given long identifiers, when truncated, then 63 characters end with a 4-digit digest', () => {
    const long = `app_${'x'.repeat(80)}`;
    expect(truncateName(long)).toBe(`${long.slice(0, 59)}${namesDigest([long], 4)}`);
    expect(truncateName('short')).toBe('short');
  });

  it('given inline constraints, when PostgreSQL names them, then it is table_column_suffix cut to fit', () => {
    expect(postgresConstraintName('auth_user', 'username', 'key')).toBe('auth_user_username_key');
    const long = postgresConstraintName('t'.repeat(40), 'c'.repeat(40), 'check');
    expect(long).toHaveLength(63);
    expect(long.endsWith('_check')).toBe(true);
    expect(primaryKeyName('shop_book')).toBe('shop_book_pkey');
  });

  it('given a model, when its table is named, then it is app_label + lowercased model', () => {
    expect(defaultTableName('shop', 'OrderLine')).toBe('shop_orderline');
    expect(manyToManyTableName('shop_book', 'tags')).toBe('shop_book_tags');
  });
});
