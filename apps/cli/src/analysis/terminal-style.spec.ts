import { terminalStyle, wantsColour } from './terminal-style';

describe('wantsColour', () => {
  it('colours a terminal, never a pipe', () => {
    expect(wantsColour({}, true)).toBe(true);
    expect(wantsColour({}, false)).toBe(false);
  });

  it('turns colour off whenever NO_COLOR is set to anything', () => {
    expect(wantsColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColour({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('forces colour into a pipe with FORCE_COLOR, unless it is 0', () => {
    expect(wantsColour({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(wantsColour({ FORCE_COLOR: '0' }, false)).toBe(false);
  });
});

describe('terminalStyle', () => {
  it('wraps text in escape codes only when colour is on', () => {
    expect(terminalStyle(true).level('high')).toBe('\u001b[31mhigh\u001b[0m');
    expect(terminalStyle(true).bold('x')).toBe('\u001b[1mx\u001b[0m');
    expect(terminalStyle(false).level('critical', 'CRIT')).toBe('CRIT');
  });
});
