import {
  checkConstraintName,
  foreignKeyName,
  indexName,
  joinTableName,
  primaryKeyIndexName,
  serialSequenceName,
  splitQualified,
} from './rails-names';

describe('rails names', () => {
  it('given Rails documentation examples, when foreign keys are named, then the names match', () => {
    expect(foreignKeyName('articles', ['author_id'])).toBe('fk_rails_e74ce85cbc');
    expect(foreignKeyName('assemblies_parts', ['assembly_id'])).toBe('fk_rails_0d8a572d89');
    expect(foreignKeyName('assemblies_parts', ['part_id'])).toBe('fk_rails_ec7b48402b');
  });

  it('given an expression, when a check constraint is named, then the table and expression are hashed', () => {
    expect(checkConstraintName('products', 'price > 0')).toMatch(/^chk_rails_[0-9a-f]{10}$/);
    expect(checkConstraintName('products', 'price > 0')).not.toBe(
      checkConstraintName('orders', 'price > 0'),
    );
  });

  it('given columns, when an index is named, then it is index_<table>_on_<columns joined by _and_>', () => {
    expect(indexName('users', { kind: 'columns', columns: ['email'] }, false)).toBe(
      'index_users_on_email',
    );
    expect(indexName('users', { kind: 'columns', columns: ['a', 'b'] }, false)).toBe(
      'index_users_on_a_and_b',
    );
    expect(indexName('shop.users', { kind: 'columns', columns: ['a'] }, false)).toBe(
      'index_users_on_a',
    );
  });

  it('given an expression, when an index is named, then it is named after its words', () => {
    expect(indexName('users', { kind: 'expression', expression: 'lower(email)' }, false)).toBe(
      'index_users_on_lower_email',
    );
  });

  it('given a name over 62 bytes, when named for Rails 7.1, then it is shortened with a hash; for 7.0 it is kept', () => {
    const columns = {
      kind: 'columns' as const,
      columns: ['first_long_column', 'second_long_column', 'third'],
    };
    const long = 'index_measurements_on_first_long_column_and_second_long_column_and_third';
    expect(indexName('measurements', columns, true)).toBe(long);
    const short = indexName('measurements', columns, false);
    expect(short).toMatch(/^idx_on_first_long_column_second_long_column_third_[0-9a-f]{10}$/);
    expect(Buffer.byteLength(short)).toBeLessThanOrEqual(62);
  });

  it.each([
    ['authors', 'tags', 'authors_tags'],
    ['tags', 'authors', 'authors_tags'],
    ['music_artists', 'music_records', 'music_artists_records'],
    ['catalog_categories', 'catalog_category_products', 'catalog_categories_category_products'],
  ])('given %s and %s, when joined, then the join table is %s', (first, second, expected) => {
    expect(joinTableName(first, second)).toBe(expected);
  });

  it('given a table, when PostgreSQL names its key index and sequence, then they follow the table', () => {
    expect(primaryKeyIndexName('users')).toBe('users_pkey');
    expect(serialSequenceName('users', 'id')).toBe('users_id_seq');
    expect(serialSequenceName('x'.repeat(60), 'id')).toBeUndefined();
  });

  it('given a schema-qualified name, when split, then schema and name are apart', () => {
    expect(splitQualified('billing.invoices')).toEqual({ schema: 'billing', name: 'invoices' });
    expect(splitQualified('invoices')).toEqual({ name: 'invoices' });
  });
});
