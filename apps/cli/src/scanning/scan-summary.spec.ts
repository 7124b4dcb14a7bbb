import type { RisksResponse, ScanStatusResponse } from '@schematrace/contracts';
import { terminalStyle } from '../analysis/terminal-style';
import { renderScanSummary, summarizeScan } from './scan-summary';

const status: ScanStatusResponse = {
  scanId: 's1',
  project: 'shop',
  status: 'projected',
  migrations: { new: 2, modified: 1, removed: 0, unchanged: 3 },
  events: { expected: 9, projected: 9 },
  lastSequence: 40,
  failures: [],
};

const finding = (
  level: RisksResponse['findings'][number]['level'],
  acknowledged = false,
): RisksResponse['findings'][number] => ({
  ruleId: 'drop-column',
  level,
  eventId: 'e',
  migration: 'orders/0002',
  message: 'drops a column',
  safeAlternative: 'stop using it first',
  acknowledged,
  ruleSetVersion: '1.0.0',
  sequence: 35,
});

describe('summarizeScan', () => {
  it('counts new findings by level, acknowledged ones apart', () => {
    const summary = summarizeScan(status, { submitted: 6, modifiedSinceAdded: 1 }, [
      finding('high'),
      finding('high'),
      finding('low'),
      finding('critical', true),
    ]);

    expect(summary).toMatchObject({
      migrations: { new: 2, modified: 1, removed: 0, unchanged: 3 },
      eventsAdded: 9,
      lastSequence: 40,
      findings: { low: 1, medium: 0, high: 2, critical: 0 },
      acknowledged: 1,
    });
    expect(summary.failOn).toBeUndefined();
  });

  it('fails on a level only for unacknowledged findings at or above it', () => {
    const files = { submitted: 1, modifiedSinceAdded: 0 };

    expect(summarizeScan(status, files, [finding('medium')], 'medium').failOn).toEqual({
      level: 'medium',
      reached: true,
    });
    expect(summarizeScan(status, files, [finding('medium')], 'high').failOn?.reached).toBe(false);
    expect(summarizeScan(status, files, [finding('critical', true)], 'high').failOn?.reached).toBe(
      false,
    );
  });
});

describe('renderScanSummary', () => {
  it('says what changed, what is risky (worst first), and what to look at', () => {
    const summary = summarizeScan(
      { ...status, failures: [{ path: 'a/0009_bad.py', reason: 'syntax error' }] },
      { submitted: 6, modifiedSinceAdded: 1 },
      [finding('high'), finding('low'), finding('low', true)],
      'high',
    );

    expect(renderScanSummary(summary, terminalStyle(false)).split('\n')).toEqual([
      'shop: 2 new, 1 modified, 0 removed, 3 unchanged migration(s); 9 event(s) added (now at sequence 40)',
      'new risk findings: 1 high, 1 low (1 acknowledged)',
      '1 migration file(s) were edited after the commit that added them',
      'could not read a/0009_bad.py: syntax error',
      'details: schematrace risks shop --min-level medium',
      'failing: a finding reached --fail-on high',
    ]);
  });

  it('says so when there is nothing risky', () => {
    const summary = summarizeScan(status, { submitted: 6, modifiedSinceAdded: 0 }, []);

    expect(renderScanSummary(summary, terminalStyle(false)).split('\n')[1]).toBe(
      'no new risk findings',
    );
  });
});
