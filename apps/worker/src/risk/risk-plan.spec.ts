import { DEFAULT_RISK_POLICY, RiskPolicy, type RiskFinding } from '@schematrace/contracts';
import {
  createTable,
  history,
  migration,
  op,
  t,
} from '../../../../libs/domain/src/testing/history';
import { policyHash, recomputeReason, storedFindings } from './risk-plan';

describe('policyHash', () => {
  it('is the same for the same policy whatever the order of its keys', () => {
    const a = RiskPolicy.parse({ rules: { 'drop-column': { level: 'critical', enabled: true } } });
    const b = RiskPolicy.parse({ rules: { 'drop-column': { enabled: true, level: 'critical' } } });

    expect(policyHash(a)).toBe(policyHash(b));
    expect(policyHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any rule, target or setting', () => {
    const base = policyHash(DEFAULT_RISK_POLICY);

    expect(policyHash(RiskPolicy.parse({ rules: { 'drop-column': { enabled: false } } }))).not.toBe(
      base,
    );
    expect(policyHash(RiskPolicy.parse({ target: { version: '11' } }))).not.toBe(base);
    expect(policyHash(RiskPolicy.parse({ settings: { lockTimeoutConfigured: true } }))).not.toBe(
      base,
    );
  });
});

describe('recomputeReason', () => {
  const status = (assessment?: {
    ruleSetVersion: string;
    policyHash: string;
    lastSequence: number;
  }) => ({
    project: 'shop',
    headSequence: 10,
    assessment,
    policy: undefined,
  });
  const current = { ruleSetVersion: '2.0.0', policyHash: 'p', lastSequence: 10 };

  it('recomputes a project never assessed, or assessed by another rule set', () => {
    expect(recomputeReason(status(), 'p', '2.0.0')).toBe('rule-set');
    expect(recomputeReason(status({ ...current, ruleSetVersion: '1.0.0' }), 'p', '2.0.0')).toBe(
      'rule-set',
    );
  });

  it('recomputes under a changed policy, or when events came after the assessment', () => {
    expect(recomputeReason(status(current), 'other', '2.0.0')).toBe('policy');
    expect(recomputeReason(status({ ...current, lastSequence: 9 }), 'p', '2.0.0')).toBe('events');
  });

  it('leaves current findings alone', () => {
    expect(recomputeReason(status(current), 'p', '2.0.0')).toBeUndefined();
  });
});

describe('storedFindings', () => {
  const events = history(
    migration('0001', createTable('users', 'id bigint pk', 'email text', 'name text')),
    migration('0002', [
      op('column.dropped', { table: t('users'), column: 'email' }),
      op('column.dropped', { table: t('users'), column: 'name' }),
    ]),
  ).map((event, index) => ({ sequence: index + 1, event }));
  const finding = (eventId: string, ruleId = 'drop-column'): RiskFinding => ({
    ruleId,
    level: 'high',
    eventId,
    migration: 'app/0002',
    message: 'm',
    safeAlternative: 's',
    acknowledged: false,
    ruleSetVersion: '1',
  });

  it('gives each finding its event sequence and numbers a rule’s hits on one event', () => {
    const dropped = events.at(-1)!;

    const rows = storedFindings(
      [finding(dropped.event.id), finding(dropped.event.id), finding(dropped.event.id, 'other')],
      events,
    );

    expect(rows.map((row) => [row.sequence, row.ruleId, row.hit])).toEqual([
      [dropped.sequence, 'drop-column', 0],
      [dropped.sequence, 'drop-column', 1],
      [dropped.sequence, 'other', 0],
    ]);
  });

  it('files a finding about a whole migration under that migration’s last event', () => {
    const [row] = storedFindings([finding('')], events);

    expect(row).toMatchObject({ eventId: events.at(-1)!.event.id, sequence: events.length });
  });
});
