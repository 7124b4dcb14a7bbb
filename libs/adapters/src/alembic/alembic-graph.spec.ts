import { planRevisions, type PlannedRevision, type RevisionNode } from './alembic-graph';

/** A revision with its down_revision(s) and, optionally, depends_on and branch labels. */
function revision(
  id: string,
  down: string | string[] | null = null,
  extra: { dependsOn?: string[]; branchLabels?: string[] } = {},
): RevisionNode {
  return {
    revision: id,
    downRevisions: down === null ? [] : typeof down === 'string' ? [down] : down,
    dependsOn: extra.dependsOn ?? [],
    branchLabels: extra.branchLabels ?? [],
  };
}

const ids = (plan: PlannedRevision[]) => plan.map((entry) => entry.revision);

describe('alembic revision graph', () => {
  it('given a chain, when planned, then each revision follows its down_revision', () => {
    const plan = planRevisions([revision('c3', 'b2'), revision('a1'), revision('b2', 'a1')]);
    expect(plan).toEqual([{ revision: 'a1' }, { revision: 'b2' }, { revision: 'c3' }]);
  });

  it('given two branches off one base, when planned, then the ready revision with the smallest id runs first', () => {
    const plan = planRevisions([
      revision('base'),
      revision('b1', 'base'),
      revision('a1', 'base'),
      revision('a2', 'a1'),
      revision('b2', 'b1'),
    ]);
    expect(ids(plan)).toEqual(['base', 'a1', 'a2', 'b1', 'b2']);
  });

  it('given two heads merged by a revision with a tuple down_revision, when planned, then the merge runs after both heads', () => {
    const plan = planRevisions([
      revision('m0', ['z9', 'b1']),
      revision('b1', 'a0'),
      revision('z9', 'a0'),
      revision('a0'),
      revision('n1', 'm0'),
    ]);
    expect(ids(plan)).toEqual(['a0', 'b1', 'z9', 'm0', 'n1']);
  });

  it('given several bases (independent trees), when planned, then both trees are ordered by id where they are free', () => {
    const plan = planRevisions([
      revision('x1'),
      revision('x2', 'x1'),
      revision('a1'),
      revision('a2', 'a1'),
    ]);
    expect(ids(plan)).toEqual(['a1', 'a2', 'x1', 'x2']);
  });

  it('given depends_on a revision id, when planned, then the dependency runs first even when its id is greater', () => {
    const plan = planRevisions([revision('a1', null, { dependsOn: ['z9'] }), revision('z9')]);
    expect(ids(plan)).toEqual(['z9', 'a1']);
  });

  it('given depends_on a branch label, when planned, then the revision declaring the label runs first', () => {
    const plan = planRevisions([
      revision('a1', null, { dependsOn: ['billing'] }),
      revision('z9', null, { branchLabels: ['billing'] }),
    ]);
    expect(ids(plan)).toEqual(['z9', 'a1']);
  });

  it('given parents that are not in the scan, when planned, then they are ignored', () => {
    const plan = planRevisions([
      revision('b2', 'missing'),
      revision('a1', null, { dependsOn: ['unknown_label'] }),
    ]);
    expect(plan).toEqual([{ revision: 'a1' }, { revision: 'b2' }]);
  });

  it('given two revisions pointing at each other, when planned, then they run in id order, each marked with the cycle, and their children follow', () => {
    const plan = planRevisions([
      revision('b2', 'a1'),
      revision('a1', 'b2'),
      revision('c3', 'b2'),
      revision('0base'),
    ]);
    expect(plan).toEqual([
      { revision: '0base' },
      { revision: 'a1', cycle: ['a1', 'b2', 'a1'] },
      { revision: 'b2', cycle: ['b2', 'a1', 'b2'] },
      { revision: 'c3' },
    ]);
  });

  it('given a longer cycle, when planned, then the path goes around the whole loop', () => {
    const plan = planRevisions([revision('a', 'c'), revision('b', 'a'), revision('c', 'b')]);
    expect(plan[0]).toEqual({ revision: 'a', cycle: ['a', 'c', 'b', 'a'] });
  });

  it('given a revision that is its own down_revision, when planned, then it is a cycle of one', () => {
    expect(planRevisions([revision('a1', 'a1')])).toEqual([
      { revision: 'a1', cycle: ['a1', 'a1'] },
    ]);
  });

  it('given the same revisions in any order, when planned, then the plan is identical', () => {
    const revisions = [
      revision('base'),
      revision('f1', 'base'),
      revision('c1', 'base'),
      revision('m1', ['f1', 'c1']),
      revision('d1', null, { dependsOn: ['m1'] }),
      revision('loop1', 'loop2'),
      revision('loop2', 'loop1'),
    ];
    const expected = planRevisions(revisions);
    for (const shuffled of [
      [...revisions].reverse(),
      [
        revisions[3]!,
        revisions[6]!,
        revisions[0]!,
        revisions[5]!,
        revisions[2]!,
        revisions[4]!,
        revisions[1]!,
      ],
    ]) {
      expect(planRevisions(shuffled)).toEqual(expected);
    }
  });

  it('given a long chain, when planned, then it does not overflow the stack', () => {
    const chain = Array.from({ length: 5000 }, (_, i) =>
      revision(
        `r${String(i).padStart(5, '0')}`,
        i === 0 ? null : `r${String(i - 1).padStart(5, '0')}`,
      ),
    );
    const plan = planRevisions([...chain].reverse());
    expect(plan).toHaveLength(5000);
    expect(plan[4999]?.revision).toBe('r04999');
  });
});
