import { expectOrderedPositions, expectValidPayloads } from '../testing/contract-assertions';
import { givenDjangoProject } from '../testing/django-project';
import { fixtureSources } from '../testing/migration-fixtures';

describe.each(['library', 'ordering', 'storefront', 'alterations', 'broken', 'cycle'])(
  'given the %s fixture',
  (fixture) => {
    it('when parsed, then every draft is a valid payload of its kind', async () => {
      const { project } = await givenDjangoProject(fixtureSources('django', fixture)).whenParsed();
      expectValidPayloads(project.migrations);
    });

    it('when parsed, then opIndex never decreases and subIndex counts from 0 within each operation', async () => {
      const { project } = await givenDjangoProject(fixtureSources('django', fixture)).whenParsed();
      expectOrderedPositions(project.migrations);
    });
  },
);
