/** The width of the bar itself, in characters. */
const BAR_WIDTH = 24;

/** `[██████░░░░] 60%  label`: one line of a progress bar. */
export function progressLine(label: string, done: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const percent = `${Math.round(fraction * 100)}%`.padStart(4);
  return `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${percent}  ${label}`;
}

/** `bar` on a terminal, `lines` in a log, `off` when the output is a document (--json). */
export type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * Reports a long step: on a terminal one line redrawn in place (a progress bar), otherwise a
 * plain line each time the label changes, so logs of CI jobs stay readable.
 */
export class ProgressReport {
  private lastLabel: string | undefined;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void,
    private readonly mode: ProgressMode,
  ) {}

  update(label: string, done: number, total: number): void {
    if (this.mode === 'off') return;
    if (this.mode === 'bar') {
      // Carriage return and clear-to-end-of-line: redraw the same line.
      this.write(`\r${progressLine(label, done, total)}\u001b[K`);
      this.drawn = true;
      return;
    }
    if (label === this.lastLabel) return;
    this.lastLabel = label;
    this.write(`${label}\n`);
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.write('\r\u001b[K');
    this.drawn = false;
  }
}
