import { createTable, given, migration, op, t } from '../../testing/history';

const users = migration('0001', createTable('users', 'id bigint pk', 'email text'));
const mysql = { target: { engine: 'mysql' as const, version: '8.0.35' } };

const addColumn = (spec: Record<string, unknown>) =>
  op('column.added', {
    table: t('users'),
    column: { name: 'c', type: { sql: 'text' }, nullable: true, ...spec },
  });

describe('maintenance rules', () => {
  describe('detach-partition-non-concurrently', () => {
    const detach = (concurrently: boolean) =>
      op('table.partition_detached', {
        table: t('measurements'),
        partition: t('measurements_2020'),
        concurrently,
      });
    const partitioned = migration('0001', [
      ...createTable('measurements', 'id bigint'),
      ...createTable('measurements_2020', 'id bigint'),
      op('table.partition_attached', {
        table: t('measurements'),
        partition: t('measurements_2020'),
      }),
    ]);

    it('fires without CONCURRENTLY', () => {
      expect(
        given(partitioned)
          .when(migration('0002', detach(false)))
          .ruleIds(),
      ).toContain('detach-partition-non-concurrently');
    });

    it('stays silent with CONCURRENTLY', () => {
      expect(
        given(partitioned)
          .when(migration('0002', detach(true)))
          .ruleIds(),
      ).not.toContain('detach-partition-non-concurrently');
    });
  });

  describe('vacuum-full-or-cluster', () => {
    it('fires for VACUUM FULL and CLUSTER', () => {
      for (const operation of ['vacuum-full', 'cluster'] as const) {
        const scenario = given(users).when(
          migration('0002', op('table.maintained', { table: t('users'), operation })),
        );
        expect(
          scenario.findings().find((f) => f.ruleId === 'vacuum-full-or-cluster'),
        ).toMatchObject({ level: 'high' });
      }
    });

    it('stays silent for a plain VACUUM or ANALYZE', () => {
      for (const operation of ['vacuum', 'analyze'] as const) {
        expect(
          given(users)
            .when(migration('0002', op('table.maintained', { table: t('users'), operation })))
            .ruleIds(),
        ).not.toContain('vacuum-full-or-cluster');
      }
    });
  });

  describe('table-rewrite-or-lock-option', () => {
    const option = (
      value:
        'logged' | 'unlogged' | 'replica-identity' | 'storage-parameters' | 'row-level-security',
      setting?: string,
    ) =>
      op('table.option_changed', {
        table: t('users'),
        option: value,
        ...(setting ? { value: setting } : {}),
      });

    it('fires for rewrites, replica identity FULL, autovacuum off and new triggers', () => {
      for (const change of [
        option('unlogged'),
        option('replica-identity', 'FULL'),
        option('storage-parameters', 'autovacuum_enabled = false'),
        op('trigger.created', { table: t('users'), name: 'audit', function: 'audit()' }),
      ]) {
        expect(given(users).when(migration('0002', change)).ruleIds()).toContain(
          'table-rewrite-or-lock-option',
        );
      }
    });

    it('stays silent for harmless options and on a new table', () => {
      for (const change of [
        option('replica-identity', 'DEFAULT'),
        option('storage-parameters', 'fillfactor = 70'),
        option('row-level-security'),
      ]) {
        expect(given(users).when(migration('0002', change)).ruleIds()).not.toContain(
          'table-rewrite-or-lock-option',
        );
      }
      expect(
        given()
          .when(
            migration('0001', [
              ...createTable('users', 'id bigint'),
              op('trigger.created', { table: t('users'), name: 'audit' }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('table-rewrite-or-lock-option');
    });
  });

  describe('prefer-bigint-and-identity', () => {
    it('fires for integer, smallint and serial columns', () => {
      expect(
        given(users)
          .when(migration('0002', addColumn({ type: { sql: 'integer' } })))
          .ruleIds(),
      ).toContain('prefer-bigint-and-identity');
      const serial = given().when(
        migration('0001', [
          op('table.created', { table: t('things') }),
          op('column.added', {
            table: t('things'),
            column: { name: 'id', type: { sql: 'bigint' }, nullable: false, identity: 'serial' },
          }),
        ]),
      );
      expect(
        serial.findings().find((f) => f.ruleId === 'prefer-bigint-and-identity')!.message,
      ).toContain('GENERATED AS IDENTITY');
    });

    it('stays silent for bigint identity and for foreign-key columns', () => {
      expect(
        given(users)
          .when(migration('0002', addColumn({ type: { sql: 'bigint' }, identity: 'always' })))
          .ruleIds(),
      ).not.toContain('prefer-bigint-and-identity');
      expect(
        given(users)
          .when(
            migration(
              '0002',
              addColumn({
                type: { sql: 'integer' },
                references: { table: t('legacy'), column: 'id' },
              }),
            ),
          )
          .ruleIds(),
      ).not.toContain('prefer-bigint-and-identity');
    });
  });

  describe('prefer-text-and-timestamptz', () => {
    it('fires for varchar(n), char(n) and timestamp', () => {
      for (const sql of ['varchar(120)', 'char(2)', 'timestamp', 'timestamp(3)']) {
        expect(
          given(users)
            .when(migration('0002', addColumn({ type: { sql } })))
            .ruleIds(),
        ).toContain('prefer-text-and-timestamptz');
      }
    });

    it('stays silent for text, varchar, timestamptz, and on MySQL', () => {
      for (const sql of ['text', 'varchar', 'timestamptz']) {
        expect(
          given(users)
            .when(migration('0002', addColumn({ type: { sql } })))
            .ruleIds(),
        ).not.toContain('prefer-text-and-timestamptz');
      }
      expect(
        given(users)
          .when(migration('0002', addColumn({ type: { sql: 'varchar(20)' } })))
          .ruleIds(mysql),
      ).not.toContain('prefer-text-and-timestamptz');
    });
  });

  describe('identifier-and-naming', () => {
    it('fires for a name over the byte limit, counting UTF-8 bytes', () => {
      // 32 characters, 64 bytes.
      const name = 'é'.repeat(32);
      const scenario = given().when(migration('0001', createTable(name, 'id bigint')));
      expect(scenario.findings().find((f) => f.ruleId === 'identifier-and-naming')).toMatchObject({
        level: 'low',
      });
      expect(
        given(users)
          .when(
            migration(
              '0002',
              op('index.created', {
                table: t('users'),
                index: { name: 'i'.repeat(64), columns: ['email'], concurrently: true },
              }),
            ),
          )
          .ruleIds(),
      ).toContain('identifier-and-naming');
    });

    it('stays silent at the limit, and follows the policy limit', () => {
      const name = 'a'.repeat(63);
      expect(
        given()
          .when(migration('0001', createTable(name, 'id bigint')))
          .ruleIds(),
      ).not.toContain('identifier-and-naming');
      expect(
        given()
          .when(migration('0001', createTable(name, 'id bigint')))
          .ruleIds({ settings: { maxIdentifierBytes: 64 } }),
      ).not.toContain('identifier-and-naming');
      expect(
        given()
          .when(migration('0001', createTable('a'.repeat(64), 'id bigint')))
          .ruleIds({ settings: { maxIdentifierBytes: 64 } }),
      ).not.toContain('identifier-and-naming');
    });
  });
});
