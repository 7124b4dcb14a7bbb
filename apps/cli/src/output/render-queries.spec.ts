import type { DiffResponse, LineageResponse, MigrationDetail } from '@schematrace/contracts';
import { terminalStyle } from '../analysis/terminal-style';
import {
  countByLevel,
  renderDiff,
  renderExplanation,
  renderLineage,
  renderRisks,
  type ListedFinding,
} from './render-queries';

const plain = terminalStyle(false);
const coloured = terminalStyle(true);

function finding(overrides: Partial<ListedFinding>): ListedFinding {
  return {
    ruleId: 'drop-column',
    level: 'high',
    eventId: 'e1',
    migration: 'orders/0002_remove_order_note',
    message: 'drops column orders_order.note',
    safeAlternative: 'stop reading the column first, drop it in a later release',
    acknowledged: false,
    ruleSetVersion: '1.0.0',
    sequence: 9,
    ...overrides,
  };
}

describe('renderDiff', () => {
  const diff: DiffResponse = {
    project: 'shop',
    from: { point: 'migration catalog/0002_product_sku', sequence: 5 },
    to: { point: 'now', sequence: 12 },
    text: '+ table orders_order\n    + column id integer\n- column legacy_code\n~ column name (was title)',
    diff: {},
  };

  it('heads the text with both ends of the diff', () => {
    expect(renderDiff(diff, plain).split('\n')).toEqual([
      'shop: migration catalog/0002_product_sku (sequence 5) → now (sequence 12)',
      '+ table orders_order',
      '    + column id integer',
      '- column legacy_code',
      '~ column name (was title)',
    ]);
  });

  it('makes additions bold and removals red on a terminal', () => {
    const lines = renderDiff(diff, coloured).split('\n');
    expect(lines[2]).toBe('\u001b[1m    + column id integer\u001b[0m');
    expect(lines[3]).toBe('\u001b[31m- column legacy_code\u001b[0m');
    expect(lines[4]).toBe('~ column name (was title)');
  });
});

describe('renderLineage', () => {
  const step = { event: {} };

  it('lists the steps with the name at each, showing renames', () => {
    const lineage: LineageResponse = {
      project: 'shop',
      subject: 'catalog_product.name',
      currentName: 'catalog_product.name',
      steps: [
        {
          ...step,
          sequence: 3,
          incarnation: 1,
          nameAfter: 'catalog_product.title',
          description: 'adds column catalog_product.title varchar(120) not null',
        },
        {
          ...step,
          sequence: 11,
          incarnation: 1,
          nameBefore: 'catalog_product.title',
          nameAfter: 'catalog_product.name',
          description: 'renames column catalog_product.title to name',
        },
      ],
    };
    expect(renderLineage(lineage, plain).split('\n')).toEqual([
      'catalog_product.name  (now catalog_product.name)',
      'SEQ  LIFE  NAME                                          CHANGE',
      '  3     1  catalog_product.title                         adds column catalog_product.title varchar(120) not null',
      ' 11     1  catalog_product.title → catalog_product.name  renames column catalog_product.title to name',
    ]);
  });

  it('says when the subject no longer exists', () => {
    const lineage: LineageResponse = {
      project: 'shop',
      subject: 'orders_order.note',
      steps: [
        {
          ...step,
          sequence: 7,
          incarnation: 1,
          nameBefore: 'orders_order.note',
          description: 'drops column orders_order.note with CASCADE',
        },
      ],
    };
    expect(renderLineage(lineage, plain).split('\n')).toEqual([
      'orders_order.note  (no longer exists)',
      'SEQ  LIFE  NAME               CHANGE',
      '  7     1  orders_order.note  drops column orders_order.note with CASCADE',
    ]);
  });
});

describe('renderRisks', () => {
  const findings = [
    finding({}),
    finding({
      ruleId: 'add-index',
      level: 'medium',
      migration: 'catalog/0002_product_sku',
      message: 'builds an index while locking writes',
      sequence: 4,
    }),
    finding({ ruleId: 'rename-column', message: 'renames a column readers still use' }),
  ];

  it('aligns the findings and counts them by level, most severe first', () => {
    expect(renderRisks(findings, plain).split('\n')).toEqual([
      'LEVEL   RULE           MIGRATION                      MESSAGE',
      'high    drop-column    orders/0002_remove_order_note  drops column orders_order.note',
      'medium  add-index      catalog/0002_product_sku       builds an index while locking writes',
      'high    rename-column  orders/0002_remove_order_note  renames a column readers still use',
      '',
      '3 finding(s): 2 high, 1 medium',
    ]);
  });

  it('colours the level cell after padding, so the columns stay aligned', () => {
    const lines = renderRisks(findings, coloured).split('\n');
    expect(lines[2]).toBe(
      '\u001b[33mmedium\u001b[0m  add-index      catalog/0002_product_sku       builds an index while locking writes',
    );
    expect(lines[1]!.startsWith('\u001b[31mhigh  \u001b[0m  drop-column')).toBe(true);
  });

  it('says so when there is nothing to list', () => {
    expect(renderRisks([], plain)).toBe('no risks found');
  });

  it('counts critical before low and leaves out empty levels', () => {
    expect(countByLevel([finding({ level: 'low' }), finding({ level: 'critical' })], plain)).toBe(
      '2 finding(s): 1 critical, 1 low',
    );
  });
});

describe('renderExplanation', () => {
  const detail: MigrationDetail = {
    migration: 'orders/0002_remove_order_note',
    framework: 'django',
    path: 'orders/migrations/0002_remove_order_note.py',
    occurredAt: '2024-05-02T10:00:00.000Z',
    occurredAtSource: 'scan',
    firstSequence: 14,
    lastSequence: 15,
    summary: 'Migration orders/0002_remove_order_note (django), makes 1 change. 2 risks.',
    changes: 1,
    highestRisk: 'high',
    changeDescriptions: [
      { sequence: 9, kind: 'column.removed', description: 'drops column orders_order.note' },
      { sequence: 15, kind: 'index.removed', description: 'drops index orders_note_idx' },
    ],
    risks: [],
    findings: [
      finding({
        ruleId: 'drop-index',
        level: 'low',
        message: 'drops an index',
        safeAlternative: 'drop it concurrently',
        acknowledged: true,
      }),
      finding({}),
    ],
  };

  it('gives the paragraph, the changes, and each risk most severe first with a safer way', () => {
    expect(renderExplanation(detail, plain).split('\n')).toEqual([
      'orders/0002_remove_order_note  (django, orders/migrations/0002_remove_order_note.py)',
      'Migration orders/0002_remove_order_note (django), makes 1 change. 2 risks.',
      '',
      'Changes',
      '   9  drops column orders_order.note',
      '  15  drops index orders_note_idx',
      '',
      'Risks',
      '  high  drop-column: drops column orders_order.note',
      '        safer: stop reading the column first, drop it in a later release',
      '  low   drop-index: drops an index  (accepted by the author)',
      '        safer: drop it concurrently',
    ]);
  });

  it('says none when the migration has no risk', () => {
    const safe = { ...detail, changeDescriptions: [], findings: [] };
    expect(renderExplanation(safe, plain).split('\n').slice(-2)).toEqual(['Risks', '  none']);
  });
});
