import { expectOrderedPositions, expectValidPayloads } from '../testing/contract-assertions';
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
    expectValidPayloads(project.migrations);
  });

  it('when parsed, then opIndex never decreases and subIndex counts from 0 within each statement', async () => {
    const { project } = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
    expectOrderedPositions(project.migrations);
  });

  it('when parsed, then every statement event says whether it runs in a transaction and on which line', async () => {
    const { project } = await givenSqlProject(sqlFixture(fixture), framework).whenParsed();
    for (const migration of project.migrations) {
      for (const draft of migration.events) {
        if (draft.kind === 'migration.unparsed') continue;
        const context = (
          draft.payload as { context?: { inTransaction?: boolean; acknowledged?: string[] } }
        ).context;
        expect(context).toEqual({
          inTransaction: expect.any(Boolean) as boolean,
          transactionSource: expect.any(String) as string,
          line: expect.any(Number) as number,
          // The transaction's number, for statements that run in one.
          ...(context?.inTransaction ? { transactionGroup: expect.any(Number) as number } : {}),
          // Rule ids of suppression comments, where the file has them.
          ...(context?.acknowledged ? { acknowledged: expect.any(Array) as string[] } : {}),
        });
      }
    }
  });
});
