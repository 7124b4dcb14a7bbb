import { expectOrderedPositions, expectValidPayloads } from '../testing/contract-assertions';
import { fixtureSources } from '../testing/migration-fixtures';
import { givenRailsProject } from './testing/rails-project';

describe.each(['blog', 'alterations', 'concurrent', 'ordering', 'broken', 'types', 'legacy'])(
  'given the %s fixture',
  (fixture) => {
    it('when parsed, then every draft is a valid payload of its kind', async () => {
      const { project } = await givenRailsProject(fixtureSources('rails', fixture)).whenParsed();
      expectValidPayloads(project.migrations);
    });

    it('when parsed, then opIndex never decreases and subIndex counts from 0 within each operation', async () => {
      const { project } = await givenRailsProject(fixtureSources('rails', fixture)).whenParsed();
      expectOrderedPositions(project.migrations);
    });

    it('when parsed, then every statement event says its line and transaction, and every problem its line', async () => {
      const { project } = await givenRailsProject(fixtureSources('rails', fixture)).whenParsed();
      for (const migration of project.migrations) {
        const fileLevel =
          migration.events.length === 1 && migration.events[0]?.kind === 'migration.unparsed';
        for (const draft of migration.events) {
          const payload = draft.payload as {
            context?: { line?: unknown; inTransaction?: unknown };
            line?: unknown;
          };
          const where =
            draft.kind === 'migration.unparsed'
              ? { line: fileLevel ? 'number' : typeof payload.line, inTransaction: 'boolean' }
              : {
                  line: typeof payload.context?.line,
                  inTransaction: typeof payload.context?.inTransaction,
                };
          expect({ draft, where }).toEqual({
            draft,
            where: { line: 'number', inTransaction: 'boolean' },
          });
        }
      }
    });
  },
);
