import { expectOrderedPositions, expectValidPayloads } from '../testing/contract-assertions';
import { alembicFixture, givenAlembicProject } from './testing/alembic-project';

describe.each(['shop', 'batch', 'types', 'ordering', 'cycle', 'broken'])(
  'given the %s fixture',
  (fixture) => {
    it('when parsed, then every draft is a valid payload of its kind', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
      expectValidPayloads(project.migrations);
    });

    it('when parsed, then opIndex never decreases and subIndex counts from 0 within each operation', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
      expectOrderedPositions(project.migrations);
    });

    it('when parsed, then every schema event says where it ran, with its line', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
      for (const migration of project.migrations) {
        for (const draft of migration.events) {
          if (draft.kind === 'migration.unparsed') continue;
          const context = (draft.payload as { context?: { inTransaction?: boolean } }).context;
          expect(context).toEqual({
            inTransaction: expect.any(Boolean) as boolean,
            transactionSource: expect.stringMatching(/^(framework-default|opt-out)$/) as string,
            line: expect.any(Number) as number,
            // The transaction's number, for statements that run in one.
            ...(context?.inTransaction ? { transactionGroup: expect.any(Number) as number } : {}),
          });
        }
      }
    });
  },
);
