import { EventPayloads } from '@schematrace/contracts';
import { givenSqlProject, sqlFixture } from './testing/sql-project';

describe.each([
  ['flyway', 'sql'],
  ['golang-migrate', 'sql'],
  ['dbmate', 'sql'],
  ['numbered', 'sql'],
  ['catalogue', 'sql'],
  ['broken', 'sql'],
  ['prisma', 'prisma'],
] as const)('given the %s fixture', (fixture, framework) => {
  it('when parsed, then every draft is a valid payload of its kind', async () => {
    const { project } = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
    for (const migration of project.migrations) {
      for (const draft of migration.events) {
        const result = EventPayloads[draft.kind].safeParse(draft.payload);
        expect({ migration: migration.name, draft, issues: result.error?.issues }).toEqual({
          migration: migration.name,
          draft,
          issues: undefined,
        });
      }
    }
  });

  it('when parsed, then opIndex never decreases and subIndex counts from 0 within each statement', async () => {
    const { project } = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
    for (const migration of project.migrations) {
      const positions = migration.events.map((draft) => [draft.opIndex, draft.subIndex] as const);
      positions.forEach(([opIndex, subIndex], i) => {
        const previous = positions[i - 1];
        const expected = previous && previous[0] === opIndex ? previous[1] + 1 : 0;
        expect({ migration: migration.name, opIndex, subIndex }).toEqual({
          migration: migration.name,
          opIndex,
          subIndex: expected,
        });
        if (previous) expect(opIndex).toBeGreaterThan(previous[0] - 1);
      });
    }
  });

  it('when parsed, then every statement event says whether it runs in a transaction and on which line', async () => {
    const { project } = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
    for (const migration of project.migrations) {
      for (const draft of migration.events) {
        if (draft.kind === 'migration.unparsed') continue;
        expect((draft.payload as { context?: unknown }).context).toEqual({
          inTransaction: expect.any(Boolean) as boolean,
          transactionSource: expect.any(String) as string,
          line: expect.any(Number) as number,
        });
      }
    }
  });
});
