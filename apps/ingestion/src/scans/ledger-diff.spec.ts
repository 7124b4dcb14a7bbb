import type { ScannedFile } from '@schematrace/contracts';
import {
  checksumMismatches,
  checksumOf,
  diffScanAgainstLedger,
  type KnownMigration,
} from './ledger-diff';

const file = (path: string, content: string): ScannedFile => ({
  path,
  content,
  checksum: checksumOf(content),
});
const known = (path: string, content: string, present = true): KnownMigration => ({
  path,
  content,
  checksum: checksumOf(content),
  present,
});

describe('diffScanAgainstLedger', () => {
  it('given an empty ledger, every scanned file is new', () => {
    const diff = diffScanAgainstLedger([file('a/0002.py', 'b'), file('a/0001.py', 'a')], []);

    expect(diff.counts).toEqual({ new: 2, modified: 0, removed: 0, unchanged: 0 });
    expect(diff.migrations.map((m) => [m.path, m.change])).toEqual([
      ['a/0001.py', 'new'],
      ['a/0002.py', 'new'],
    ]);
    expect(diff.changed).toBe(true);
  });

  it('given the same files again, nothing changed', () => {
    const diff = diffScanAgainstLedger([file('a/0001.py', 'a')], [known('a/0001.py', 'a')]);

    expect(diff.changed).toBe(false);
    expect(diff.counts.unchanged).toBe(1);
  });

  it('detects an edited migration and keeps its previous checksum', () => {
    const diff = diffScanAgainstLedger([file('a/0001.py', 'edited')], [known('a/0001.py', 'a')]);

    expect(diff.migrations).toEqual([
      expect.objectContaining({
        path: 'a/0001.py',
        change: 'modified',
        previousChecksum: checksumOf('a'),
      }),
    ]);
  });

  it('reports a ledger file missing from the scan as removed, without content', () => {
    const diff = diffScanAgainstLedger(
      [file('a/0001.py', 'a')],
      [known('a/0001.py', 'a'), known('a/0002.py', 'b')],
    );

    expect(diff.migrations.at(-1)).toEqual({
      path: 'a/0002.py',
      checksum: checksumOf('b'),
      change: 'removed',
    });
    expect(diff.counts.removed).toBe(1);
  });

  it('treats a removed file that comes back as new, and forgets already-removed files', () => {
    const diff = diffScanAgainstLedger(
      [file('a/0001.py', 'a')],
      [known('a/0001.py', 'a', false), known('x.py', 'x', false)],
    );

    expect(diff.counts).toEqual({ new: 1, modified: 0, removed: 0, unchanged: 0 });
  });
});

describe('checksumMismatches', () => {
  it('names the files whose content does not match their checksum', () => {
    expect(
      checksumMismatches([
        file('ok.py', 'a'),
        { ...file('bad.py', 'b'), checksum: checksumOf('other') },
      ]),
    ).toEqual(['bad.py']);
  });
});
