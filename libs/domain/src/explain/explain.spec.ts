import { assessRisks } from '../risk/assess-risks';
import { findRule } from '../risk/rule-set';
import { createTable, history, migration, op, t } from '../testing/history';
import { explainEvent, explainMigration } from './explain';

const events = history(
  migration('0001_users', createTable('users', 'id bigint', 'email text'), {
    app: 'accounts',
    framework: 'django',
    git: {
      commit: '1a2b3c4d5e',
      authorName: 'Ada Lovelace',
      authorEmail: 'ada@example.com',
      committedAt: '2024-03-01T09:30:00Z',
      message: 'Add users\n\nLong body',
    },
  }),
  migration('0002_drop_email', op('column.dropped', { table: t('users'), column: 'email' }), {
    app: 'accounts',
    framework: 'django',
  }),
);

describe('explanations', () => {
  // One rule, so the golden text does not move when rules are added.
  const { findings } = assessRisks(events, { rules: [findRule('drop-column')!] });

  it('say what an event did, where, when, by whom and why', () => {
    expect(explainEvent(events[2]!)).toBe(
      'Adds column users.id bigint not null (accounts/0001_users (django), committed 2024-03-01 by Ada Lovelace in 1a2b3c4: "Add users").',
    );
  });

  it('add the danger and the safer way for a risky event', () => {
    const drop = events.at(-1)!;
    const text = explainEvent(
      drop,
      findings.filter((finding) => finding.eventId === drop.id),
    );
    expect(text).toMatch(
      /^Drops column users\.email \(accounts\/0002_drop_email \(django\), first seen by a scan on 2026-01-02, no git history\)\. Risk high \(drop-column\): Drops column users\.email and its data\./,
    );
    expect(text).toContain('Safer: Make the ORM ignore the column');
  });

  it('summarise a migration', () => {
    const explanation = explainMigration(
      events.slice(4),
      findings.filter((finding) => finding.migration === 'accounts/0002_drop_email'),
    );
    expect(explanation.summary).toBe(
      'Migration accounts/0002_drop_email (django), first seen by a scan on 2026-01-02, no git history, makes 1 change: drops column users.email. 1 risk, the highest high (drop-column).',
    );
    expect(explanation.changes).toEqual(['drops column users.email']);
    expect(explanation.risks).toHaveLength(1);
  });
});
