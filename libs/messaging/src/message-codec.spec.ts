import { CONTRACT_VERSION, TopicName } from '@schematrace/contracts';
import { decodeMessage, encodeMessage } from './message-codec';

const scan = {
  contractVersion: CONTRACT_VERSION,
  scanId: 's1',
  project: 'shop',
  submittedAt: '2026-01-01T00:00:00.000Z',
  client: { name: 'test', version: '1' },
  part: { index: 0, count: 1 },
  files: [],
};

describe('message codec', () => {
  it('round-trips a valid message', () => {
    const decoded = decodeMessage(TopicName.scans, encodeMessage(TopicName.scans, scan));

    expect(decoded).toEqual({ ok: true, value: scan });
  });

  it('refuses to encode a message that breaks its contract, naming the field', () => {
    expect(() => encodeMessage(TopicName.scans, { ...scan, project: '' })).toThrow(
      'refusing to publish an invalid scans message: project:',
    );
  });

  it.each([
    [null, 'empty message value'],
    [Buffer.from('{oops'), 'value is not JSON'],
  ])('explains an unreadable value %#', (raw, reason) => {
    const decoded = decodeMessage(TopicName.scans, raw);

    expect(decoded.ok).toBe(false);
    expect(!decoded.ok && decoded.reason).toContain(reason);
  });

  it('lists each contract violation by path', () => {
    const decoded = decodeMessage(
      TopicName.scans,
      Buffer.from(JSON.stringify({ ...scan, part: { index: 2, count: 1 } })),
    );

    expect(decoded).toEqual({
      ok: false,
      reason: 'value does not match the scans contract',
      issues: [{ path: 'part', message: 'part.index must be below part.count' }],
    });
  });
});
