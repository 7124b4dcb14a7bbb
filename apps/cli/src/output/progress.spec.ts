import { ProgressReport, progressLine } from './progress';

describe('progressLine', () => {
  it('fills the bar in proportion and shows the percentage', () => {
    expect(progressLine('recording events: 6 of 24', 6, 24)).toBe(
      `[${'█'.repeat(6)}${'░'.repeat(18)}]  25%  recording events: 6 of 24`,
    );
  });

  it('stays within the bar when done passes total, and empty without a total', () => {
    expect(progressLine('x', 30, 24)).toContain(`[${'█'.repeat(24)}] 100%`);
    expect(progressLine('x', 0, 0)).toContain(`[${'░'.repeat(24)}]   0%`);
  });
});

describe('ProgressReport', () => {
  it('redraws one line on a terminal, and clears it when finished', () => {
    const written: string[] = [];
    const report = new ProgressReport((text) => written.push(text), 'bar');

    report.update('parsing', 0, 1);
    report.update('recording', 1, 2);
    report.finish();

    expect(written).toEqual([
      `\r${progressLine('parsing', 0, 1)}\u001b[K`,
      `\r${progressLine('recording', 1, 2)}\u001b[K`,
      '\r\u001b[K',
    ]);
  });

  it('writes a plain line per step elsewhere, never repeating one', () => {
    const written: string[] = [];
    const report = new ProgressReport((text) => written.push(text), 'lines');

    report.update('parsing', 0, 1);
    report.update('parsing', 0, 1);
    report.update('recording', 1, 2);
    report.finish();

    expect(written).toEqual(['parsing\n', 'recording\n']);
  });

  it('says nothing when switched off', () => {
    const written: string[] = [];
    const report = new ProgressReport((text) => written.push(text), 'off');

    report.update('parsing', 0, 1);
    report.finish();

    expect(written).toEqual([]);
  });
});
