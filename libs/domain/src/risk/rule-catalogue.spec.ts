import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderRuleCatalogue } from './rule-catalogue';
import { RISK_RULES } from './rule-set';

const PAGE = path.resolve(__dirname, '../../../../docs/risk-rules.md');

describe('the rule catalogue', () => {
  it('has 62 rules with unique ids, each explained', () => {
    expect(RISK_RULES).toHaveLength(62);
    expect(new Set(RISK_RULES.map((rule) => rule.id)).size).toBe(62);
    for (const rule of RISK_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.rationale.length).toBeGreaterThan(20);
      expect(rule.safeAlternative.length).toBeGreaterThan(10);
      expect(rule.anchors.length).toBeGreaterThan(0);
      expect(rule.check !== undefined || rule.finish !== undefined).toBe(true);
    }
  });

  it('is documented in docs/risk-rules.md exactly as the code says', () => {
    const page = renderRuleCatalogue();
    if (process.env.UPDATE_GOLDENS === '1') writeFileSync(PAGE, page);
    expect(existsSync(PAGE)).toBe(true);
    expect(readFileSync(PAGE, 'utf8')).toBe(page);
  });
});
