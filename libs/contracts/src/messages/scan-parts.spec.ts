import type { ScannedFile } from './scan.message';
import { splitScanIntoParts } from './scan-parts';

const file = (path: string, size: number): ScannedFile => ({
  path,
  content: 'x'.repeat(size),
  checksum: '0'.repeat(64),
});

describe('splitScanIntoParts', () => {
  it('keeps a small scan in one part', () => {
    expect(splitScanIntoParts([file('a', 10), file('b', 10)], 100)).toHaveLength(1);
  });

  it('starts a new part when the next file would pass the budget, keeping file order', () => {
    const parts = splitScanIntoParts([file('a', 60), file('b', 30), file('c', 30)], 100);

    expect(parts.map((part) => part.map((f) => f.path))).toEqual([['a', 'b'], ['c']]);
  });

  it('sends a file larger than the budget alone', () => {
    const parts = splitScanIntoParts([file('a', 10), file('huge', 500), file('b', 10)], 100);

    expect(parts.map((part) => part.map((f) => f.path))).toEqual([['a'], ['huge'], ['b']]);
  });

  it('yields one empty part for an empty scan', () => {
    expect(splitScanIntoParts([], 100)).toEqual([[]]);
  });
});
