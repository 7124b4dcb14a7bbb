import type { RiskLevel } from '@schematrace/contracts';

/** ANSI styling that turns itself off when the output is not a terminal or NO_COLOR is set. */
export interface TerminalStyle {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly level: (level: RiskLevel, text?: string) => string;
}

const LEVEL_COLOURS: Record<RiskLevel, string> = {
  low: '36', // cyan
  medium: '33', // yellow
  high: '31', // red
  critical: '1;41;97', // white on red
};

export function terminalStyle(colour: boolean): TerminalStyle {
  const wrap = (code: string, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    bold: (text) => wrap('1', text),
    dim: (text) => wrap('2', text),
    level: (level, text = level) => wrap(LEVEL_COLOURS[level], text),
  };
}

/** Colour only for a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(
  env: Readonly<Record<string, string | undefined>>,
  isTty: boolean,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTty;
}
