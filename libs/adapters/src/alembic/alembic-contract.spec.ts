import { EventPayloads } from '@schematrace/contracts';
import { alembicFixture, givenAlembicProject } from './testing/alembic-project';

describe.each(['shop', 'batch', 'types', 'ordering', 'cycle', 'broken'])(
  'given the %s fixture',
  (fixture) => {
    it('when parsed, then every draft is a valid payload of its kind', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
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

    it('when parsed, then opIndex never decreases and subIndex counts from 0 within each operation', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
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
          if (previous) expect(opIndex).toBeGreaterThanOrEqual(previous[0]);
        });
      }
    });

    it('when parsed, then every schema event says where it ran, with its line', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
      for (const migration of project.migrations) {
        for (const draft of migration.events) {
          if (draft.kind === 'migration.unparsed') continue;
          expect((draft.payload as { context?: unknown }).context).toEqual({
            inTransaction: expect.any(Boolean) as boolean,
            transactionSource: expect.stringMatching(/^(framework-default|opt-out)$/) as string,
            line: expect.any(Number) as number,
          });
        }
      }
    });
  },
);
