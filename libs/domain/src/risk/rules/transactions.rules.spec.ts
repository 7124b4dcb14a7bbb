import type { StatementContext } from '@schematrace/contracts';
import { createTable, given, inTx, migration, noTx, op, t } from '../../testing/history';
import { assessRisks } from '../assess-risks';

const users = migration('0001', createTable('users', 'id bigint pk', 'email text null'));

const addBio = (context?: StatementContext) =>
  op('column.added', {
    table: t('users'),
    column: { name: 'bio', type: { sql: 'text' }, nullable: true },
    ...(context ? { context } : {}),
  });

const setting = (name: string, value: string | null, context?: StatementContext, local = false) =>
  op('session.setting_changed', { name, value, local, ...(context ? { context } : {}) });

const framework: StatementContext = {
  inTransaction: true,
  transactionSource: 'framework-default',
};

describe('transaction rules', () => {
  describe('missing-lock-timeout', () => {
    it('fires once for lock-taking DDL on an existing table with no lock_timeout', () => {
      const scenario = given(users).when(migration('0002', [addBio(), addBio()]));
      const hits = scenario.findings().filter((f) => f.ruleId === 'missing-lock-timeout');
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ level: 'medium', eventId: scenario.events.at(-2)!.id });
    });

    it('fires when a SET LOCAL belongs to an earlier transaction', () => {
      const scenario = given(users).when(
        migration('0002', [setting('lock_timeout', '2s', inTx(0), true), addBio(inTx(1))]),
      );
      expect(scenario.ruleIds()).toContain('missing-lock-timeout');
    });

    it('stays silent after SET lock_timeout, when configured, and on new tables', () => {
      expect(
        given(users)
          .when(migration('0002', [setting('lock_timeout', "'5s'"), addBio()]))
          .ruleIds(),
      ).not.toContain('missing-lock-timeout');
      expect(
        given(users)
          .when(migration('0002', addBio()))
          .ruleIds({ settings: { lockTimeoutConfigured: true } }),
      ).not.toContain('missing-lock-timeout');
      expect(
        given()
          .when(migration('0001', createTable('users', 'id bigint')))
          .ruleIds(),
      ).not.toContain('missing-lock-timeout');
    });

    it('does not count a timeout of 0 or a RESET', () => {
      expect(
        given(users)
          .when(migration('0002', [setting('lock_timeout', '0'), addBio()]))
          .ruleIds(),
      ).toContain('missing-lock-timeout');
      expect(
        given(users)
          .when(
            migration('0002', [
              setting('lock_timeout', '1s'),
              setting('lock_timeout', null),
              addBio(),
            ]),
          )
          .ruleIds(),
      ).toContain('missing-lock-timeout');
      expect(
        given(users)
          .when(migration('0002', [setting('lock_timeout', '1s'), setting('all', null), addBio()]))
          .ruleIds(),
      ).toContain('missing-lock-timeout');
    });
  });

  describe('missing-statement-timeout', () => {
    it('fires for lock-taking DDL with no statement_timeout', () => {
      const scenario = given(users).when(
        migration('0002', [setting('lock_timeout', '5s'), addBio()]),
      );
      expect(
        scenario.findings().find((f) => f.ruleId === 'missing-statement-timeout'),
      ).toMatchObject({ level: 'low' });
    });

    it('stays silent after SET statement_timeout or when configured', () => {
      expect(
        given(users)
          .when(migration('0002', [setting('statement_timeout', '10min'), addBio()]))
          .ruleIds(),
      ).not.toContain('missing-statement-timeout');
      expect(
        given(users)
          .when(migration('0002', addBio()))
          .ruleIds({ settings: { statementTimeoutConfigured: true } }),
      ).not.toContain('missing-statement-timeout');
    });
  });

  describe('manual-transaction-in-wrapped-migration', () => {
    const control = (action: 'begin' | 'commit' | 'savepoint', context?: StatementContext) =>
      op('transaction.controlled', { action, ...(context ? { context } : {}) });

    it('fires for COMMIT in a migration the framework wraps', () => {
      expect(
        given()
          .when(migration('0001', [control('commit')], { transactional: true }))
          .ruleIds(),
      ).toContain('manual-transaction-in-wrapped-migration');
      expect(
        given()
          .when(migration('0001', [addBio(framework), control('begin')]))
          .ruleIds(),
      ).toContain('manual-transaction-in-wrapped-migration');
    });

    it('stays silent without wrapping, and for a SAVEPOINT', () => {
      expect(
        given()
          .when(migration('0001', [control('begin'), control('commit')], { transactional: false }))
          .ruleIds(),
      ).not.toContain('manual-transaction-in-wrapped-migration');
      expect(
        given()
          .when(migration('0001', [control('savepoint')], { transactional: true }))
          .ruleIds(),
      ).not.toContain('manual-transaction-in-wrapped-migration');
    });
  });

  describe('uncommitted-transaction', () => {
    it('fires for a BEGIN never committed', () => {
      const scenario = given(users).when(
        migration('0002', [op('transaction.controlled', { action: 'begin' }), addBio(inTx())], {
          transactional: false,
        }),
      );
      expect(scenario.findings().find((f) => f.ruleId === 'uncommitted-transaction')).toMatchObject(
        { level: 'high', eventId: scenario.events.at(-2)!.id },
      );
    });

    it('stays silent when the BEGIN is committed', () => {
      expect(
        given(users)
          .when(
            migration(
              '0002',
              [
                op('transaction.controlled', { action: 'begin' }),
                addBio(inTx()),
                op('transaction.controlled', { action: 'commit' }),
              ],
              { transactional: false },
            ),
          )
          .ruleIds(),
      ).not.toContain('uncommitted-transaction');
    });
  });

  describe('non-idempotent-non-transactional', () => {
    const index = (ifNotExists: boolean) =>
      op('index.created', {
        table: t('users'),
        index: { name: 'users_email_idx', columns: ['email'], concurrently: true },
        ifNotExists,
        context: noTx,
      });

    it('fires for an unguarded statement outside a transaction', () => {
      expect(
        given(users)
          .when(migration('0002', [index(false), addBio(noTx)]))
          .ruleIds(),
      ).toContain('non-idempotent-non-transactional');
    });

    it('fires for a lone concurrent index build, which leaves an invalid index on failure', () => {
      expect(
        given(users)
          .when(migration('0002', index(false)))
          .ruleIds(),
      ).toContain('non-idempotent-non-transactional');
    });

    it('stays silent for the columns of an unguarded CREATE TABLE already reported', () => {
      const create = migration('0001', [
        op('table.created', { table: t('logs'), context: noTx }),
        op('column.added', {
          table: t('logs'),
          column: { name: 'id', type: { sql: 'bigint' }, nullable: false },
          context: noTx,
        }),
        op('table.created', { table: t('audit'), context: noTx }),
      ]);
      // The DSL gives every op its own statement; make the column part of the first CREATE.
      const scenario = given().when(create);
      const events = scenario.events.map((event) =>
        event.kind === 'column.added' ? { ...event, opIndex: 1 } : event,
      );
      const reported = assessRisks(events)
        .findings.filter((f) => f.ruleId === 'non-idempotent-non-transactional')
        .map((f) => events.find((e) => e.id === f.eventId)!.kind);
      expect(reported).toEqual(['table.created', 'table.created']);
    });

    it('stays silent with guards, inside a transaction, and for a lone plain statement', () => {
      expect(
        given(users)
          .when(
            migration('0002', [
              index(true),
              op('table.dropped', { table: t('old'), ifExists: true, context: noTx }),
            ]),
          )
          .ruleIds(),
      ).not.toContain('non-idempotent-non-transactional');
      expect(
        given(users)
          .when(migration('0002', [addBio(inTx()), addBio(inTx())]))
          .ruleIds(),
      ).not.toContain('non-idempotent-non-transactional');
      expect(
        given(users)
          .when(migration('0002', addBio(noTx)))
          .ruleIds(),
      ).not.toContain('non-idempotent-non-transactional');
    });
  });

  describe('mixed-ddl-and-dml', () => {
    const backfill = (context: StatementContext) =>
      op('data.migrated', {
        operation: 'update',
        description: "UPDATE users SET bio = ''",
        table: t('users'),
        hasWhere: false,
        context,
      });

    it('fires for DML in the transaction of locking DDL, in either order', () => {
      expect(
        given(users)
          .when(migration('0002', [addBio(inTx()), backfill(inTx())]))
          .ruleIds(),
      ).toContain('mixed-ddl-and-dml');
      expect(
        given(users)
          .when(migration('0002', [backfill(inTx()), addBio(inTx())]))
          .ruleIds(),
      ).toContain('mixed-ddl-and-dml');
    });

    it('stays silent across transactions and for a table created alongside', () => {
      expect(
        given(users)
          .when(migration('0002', [addBio(inTx(0)), backfill(inTx(1))]))
          .ruleIds(),
      ).not.toContain('mixed-ddl-and-dml');
      expect(
        given()
          .when(
            migration('0001', [
              op('table.created', { table: t('users'), context: inTx() }),
              backfill(inTx()),
            ]),
          )
          .ruleIds(),
      ).not.toContain('mixed-ddl-and-dml');
    });
  });

  describe('unbatched-or-unbounded-dml', () => {
    const dml = (payload: { hasWhere?: boolean; batched?: boolean; table?: string }) =>
      op('data.migrated', {
        operation: 'delete',
        description: 'DELETE FROM users',
        table: t(payload.table ?? 'users'),
        ...(payload.hasWhere === undefined ? {} : { hasWhere: payload.hasWhere }),
        ...(payload.batched === undefined ? {} : { batched: payload.batched }),
      });

    it('fires high without a WHERE and medium with one', () => {
      const all = given(users).when(migration('0002', dml({ hasWhere: false })));
      expect(all.findings().find((f) => f.ruleId === 'unbatched-or-unbounded-dml')).toMatchObject({
        level: 'high',
      });
      const some = given(users).when(migration('0002', dml({ hasWhere: true })));
      expect(some.findings().find((f) => f.ruleId === 'unbatched-or-unbounded-dml')).toMatchObject({
        level: 'medium',
      });
    });

    it('stays silent when batched, for inserts, and on a new table', () => {
      expect(
        given(users)
          .when(migration('0002', dml({ hasWhere: false, batched: true })))
          .ruleIds(),
      ).not.toContain('unbatched-or-unbounded-dml');
      expect(
        given(users)
          .when(
            migration(
              '0002',
              op('data.migrated', {
                operation: 'insert',
                description: 'INSERT',
                table: t('users'),
              }),
            ),
          )
          .ruleIds(),
      ).not.toContain('unbatched-or-unbounded-dml');
      expect(
        given()
          .when(migration('0001', [...createTable('tmp', 'id bigint'), dml({ table: 'tmp' })]))
          .ruleIds(),
      ).not.toContain('unbatched-or-unbounded-dml');
    });
  });

  describe('opaque-raw-sql', () => {
    it('fires for SQL the adapter could not read, and for migration code', () => {
      expect(
        given()
          .when(
            migration('0001', op('sql.executed', { statement: 'DO $$ BEGIN PERFORM 1; END $$' })),
          )
          .ruleIds(),
      ).toContain('opaque-raw-sql');
      expect(
        given()
          .when(
            migration(
              '0001',
              op('data.migrated', { operation: 'code', description: 'forwards()' }),
            ),
          )
          .ruleIds(),
      ).toContain('opaque-raw-sql');
    });

    it('stays silent for parsed DML', () => {
      expect(
        given()
          .when(
            migration('0001', op('data.migrated', { operation: 'insert', description: 'INSERT' })),
          )
          .ruleIds(),
      ).not.toContain('opaque-raw-sql');
    });
  });

  describe('irreversible-migration', () => {
    it('fires for a migration without a way back, once', () => {
      const scenario = given().when(
        migration(
          '0001',
          op('data.migrated', { operation: 'code', description: 'f', reversible: false }),
          { reversible: false },
        ),
      );
      expect(scenario.findings().filter((f) => f.ruleId === 'irreversible-migration')).toHaveLength(
        1,
      );
    });

    it('fires for a data step without a reverse', () => {
      expect(
        given()
          .when(
            migration(
              '0001',
              op('data.migrated', { operation: 'code', description: 'f', reversible: false }),
            ),
          )
          .ruleIds(),
      ).toContain('irreversible-migration');
    });

    it('stays silent for reversible migrations', () => {
      expect(
        given()
          .when(
            migration(
              '0001',
              op('data.migrated', { operation: 'code', description: 'f', reversible: true }),
              { reversible: true },
            ),
          )
          .ruleIds(),
      ).not.toContain('irreversible-migration');
    });
  });

  describe('data-migration-uses-live-models', () => {
    const code = (usesLiveModels: boolean) =>
      op('data.migrated', {
        operation: 'code',
        description: 'from app.models import User',
        usesLiveModels,
      });

    it('fires when the code imports current models', () => {
      expect(
        given()
          .when(migration('0001', code(true)))
          .ruleIds(),
      ).toContain('data-migration-uses-live-models');
    });

    it('stays silent with historical models', () => {
      expect(
        given()
          .when(migration('0001', code(false)))
          .ruleIds(),
      ).not.toContain('data-migration-uses-live-models');
    });
  });
});
