import { readFileSync } from 'node:fs';
import path from 'node:path';
import { alembicFixture, givenAlembicProject } from './testing/alembic-project';

const FIXTURES = path.resolve(__dirname, '../../test-fixtures/alembic');

/** What a fixture's `expected-events.json` holds: each migration in apply order, with its drafts. */
function golden(fixture: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, fixture, 'expected-events.json'), 'utf8'));
}

describe.each(['shop', 'batch', 'types', 'ordering', 'cycle', 'broken'])(
  'given the %s fixture',
  (fixture) => {
    it('when parsed, then the migrations and their events are the golden ones', async () => {
      const { project } = await givenAlembicProject(alembicFixture(fixture)).whenParsed();
      const actual = project.migrations.map((migration) => ({
        path: migration.source.path,
        app: migration.app,
        name: migration.name,
        ...(migration.timestampFromName ? { timestampFromName: migration.timestampFromName } : {}),
        ...(migration.reversible === undefined ? {} : { reversible: migration.reversible }),
        ...(migration.transactional === undefined
          ? {}
          : { transactional: migration.transactional }),
        events: migration.events,
      }));
      expect(actual).toEqual(golden(fixture));
    });
  },
);
