import { HistoryPointError, parseHistoryPoint } from './history-point';

describe('parseHistoryPoint', () => {
  it.each([
    ['42', { kind: 'sequence', sequence: 42 }],
    ['seq:7', { kind: 'sequence', sequence: 7 }],
    ['shop/0003_price', { kind: 'migration', migration: 'shop/0003_price' }],
    ['20240501120000', { kind: 'migration', migration: '20240501120000' }],
    ['migration:42', { kind: 'migration', migration: '42' }],
    ['2024-05-01', { kind: 'time', at: '2024-05-01T23:59:59.999Z' }],
    ['2024-05-01T10:00:00+02:00', { kind: 'time', at: '2024-05-01T08:00:00.000Z' }],
    ['1a2b3c4', { kind: 'commit', commit: '1a2b3c4' }],
    ['commit:deadbeef', { kind: 'commit', commit: 'deadbeef' }],
    ['1234567', { kind: 'sequence', sequence: 1234567 }],
  ])('reads %s', (text, point) => {
    expect(parseHistoryPoint(text)).toEqual(point);
  });

  it.each(['', 'seq:abc', 'time:yesterday'])('rejects %j with a reason', (text) => {
    expect(() => parseHistoryPoint(text)).toThrow(HistoryPointError);
  });
});
