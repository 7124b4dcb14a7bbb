import { planMigrations, type GraphMigration, type PlanEntry } from './django-graph';

/** `app.name` with its dependencies as `app.name` strings. */
function migration(
  key: string,
  dependencies: string[] = [],
  extra: { runBefore?: string[]; replaces?: string[] } = {},
): GraphMigration {
  const ref = (k: string) => {
    const [app, name] = k.split('.') as [string, string];
    return { app, name };
  };
  return {
    ...ref(key),
    dependencies: dependencies.map(ref),
    runBefore: (extra.runBefore ?? []).map(ref),
    replaces: (extra.replaces ?? []).map(ref),
  };
}

const keys = (plan: PlanEntry[]) => plan.map((entry) => `${entry.app}.${entry.name}`);

describe('django migration graph', () => {
  it('given one app, when planned, then migrations follow their dependencies', () => {
    const plan = planMigrations([
      migration('shop.0002_b', ['shop.0001_a']),
      migration('shop.0003_c', ['shop.0002_b']),
      migration('shop.0001_a'),
    ]);
    expect(keys(plan)).toEqual(['shop.0001_a', 'shop.0002_b', 'shop.0003_c']);
    expect(plan.every((entry) => entry.role === 'apply')).toBe(true);
  });

  it('given cross-app dependencies, when planned, then a dependency runs before its dependent', () => {
    const plan = planMigrations([
      migration('billing.0001_initial', ['accounts.0001_initial']),
      migration('accounts.0001_initial'),
      migration('shop.0001_initial', ['billing.0001_initial']),
      migration('accounts.0002_more', ['accounts.0001_initial']),
    ]);
    expect(keys(plan)).toEqual([
      'accounts.0001_initial',
      'accounts.0002_more',
      'billing.0001_initial',
      'shop.0001_initial',
    ]);
  });

  it("given two parents, when planned, then Django's depth-first walk visits the greater parent first", () => {
    // makemigrations users see this as `migrate --plan`: c.0001 runs before a.0001.
    const plan = planMigrations([
      migration('a.0001_initial'),
      migration('a.0002_next', ['a.0001_initial', 'c.0001_initial']),
      migration('c.0001_initial'),
    ]);
    expect(keys(plan)).toEqual(['c.0001_initial', 'a.0001_initial', 'a.0002_next']);
  });

  it('given __first__ and __latest__, when planned, then they resolve to the root and the leaf of that app', () => {
    const plan = planMigrations([
      migration('shop.0001_initial', ['accounts.__latest__']),
      migration('billing.0001_initial', ['accounts.__first__']),
      migration('accounts.0001_initial'),
      migration('accounts.0002_more', ['accounts.0001_initial']),
    ]);
    const order = keys(plan);
    expect(order.indexOf('accounts.0002_more')).toBeLessThan(order.indexOf('shop.0001_initial'));
    expect(order.indexOf('accounts.0001_initial')).toBeLessThan(
      order.indexOf('billing.0001_initial'),
    );
  });

  it('given run_before, when planned, then the migration runs before the one it names', () => {
    const plan = planMigrations([
      migration('shop.0001_initial'),
      migration('audit.0001_initial', [], { runBefore: ['shop.0001_initial'] }),
    ]);
    expect(keys(plan)).toEqual(['audit.0001_initial', 'shop.0001_initial']);
  });

  it('given dependencies on migrations outside the scan, when planned, then they are ignored', () => {
    const plan = planMigrations([
      migration('shop.0001_initial', [
        'auth.0012_alter_user_first_name_max_length',
        'thirdparty.__first__',
      ]),
    ]);
    expect(keys(plan)).toEqual(['shop.0001_initial']);
  });

  it('given a squash whose originals are all present, when planned, then the originals run and the squash follows them unused', () => {
    const plan = planMigrations([
      migration('crm.0001_initial'),
      migration('crm.0002_more', ['crm.0001_initial']),
      migration('crm.0001_squashed_0002_more', [], {
        replaces: ['crm.0001_initial', 'crm.0002_more'],
      }),
      migration('crm.0003_after', ['crm.0001_squashed_0002_more']),
    ]);
    expect(plan).toEqual([
      { app: 'crm', name: '0001_initial', role: 'apply' },
      { app: 'crm', name: '0002_more', role: 'apply' },
      { app: 'crm', name: '0001_squashed_0002_more', role: 'squash-unused' },
      { app: 'crm', name: '0003_after', role: 'apply' },
    ]);
  });

  it('given a squash with originals missing, when planned, then the squash runs, takes their place and inherits their dependencies', () => {
    const plan = planMigrations([
      migration('accounts.0001_initial'),
      migration('inv.0001_squashed_0002_b', [], { replaces: ['inv.0001_a', 'inv.0002_b'] }),
      migration('inv.0002_b', ['inv.0001_a', 'accounts.0001_initial']),
      migration('inv.0003_c', ['inv.0002_b']),
    ]);
    expect(plan).toEqual([
      { app: 'accounts', name: '0001_initial', role: 'apply' },
      { app: 'inv', name: '0002_b', role: 'replaced' },
      { app: 'inv', name: '0001_squashed_0002_b', role: 'apply' },
      { app: 'inv', name: '0003_c', role: 'apply' },
    ]);
  });

  it('given a dependency cycle, when planned, then its members run in (app, name) order and carry the cycle', () => {
    const plan = planMigrations([
      migration('beta.0001_initial', ['alpha.0001_initial']),
      migration('alpha.0001_initial', ['beta.0001_initial']),
      migration('gamma.0001_initial', ['beta.0001_initial']),
    ]);
    expect(plan).toEqual([
      {
        app: 'alpha',
        name: '0001_initial',
        role: 'apply',
        cycle: ['alpha.0001_initial', 'beta.0001_initial', 'alpha.0001_initial'],
      },
      {
        app: 'beta',
        name: '0001_initial',
        role: 'apply',
        cycle: ['beta.0001_initial', 'alpha.0001_initial', 'beta.0001_initial'],
      },
      { app: 'gamma', name: '0001_initial', role: 'apply' },
    ]);
  });

  it('given a longer cycle, when planned, then the path goes around the whole loop', () => {
    const plan = planMigrations([
      migration('a.0001', ['b.0001']),
      migration('b.0001', ['c.0001']),
      migration('c.0001', ['a.0001']),
    ]);
    expect(plan[0]?.cycle).toEqual(['a.0001', 'b.0001', 'c.0001', 'a.0001']);
  });

  it('given the same migrations in any order, when planned, then the plan is identical', () => {
    const migrations = [
      migration('accounts.0001_initial'),
      migration('shop.0001_initial', ['accounts.0001_initial']),
      migration('shop.0002_x', ['shop.0001_initial']),
      migration('billing.0001_initial', ['shop.0001_initial']),
      migration('zeta.0001_initial'),
    ];
    const expected = keys(planMigrations(migrations));
    for (const shuffled of [
      [...migrations].reverse(),
      [migrations[3]!, migrations[0]!, migrations[4]!, migrations[2]!, migrations[1]!],
    ]) {
      expect(keys(planMigrations(shuffled))).toEqual(expected);
    }
  });

  it('given a long chain, when planned, then it does not overflow the stack', () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      migration(
        `big.${String(i).padStart(5, '0')}`,
        i === 0 ? [] : [`big.${String(i - 1).padStart(5, '0')}`],
      ),
    );
    const plan = planMigrations(chain);
    expect(plan).toHaveLength(5000);
    expect(plan[4999]?.name).toBe('04999');
  });
});
