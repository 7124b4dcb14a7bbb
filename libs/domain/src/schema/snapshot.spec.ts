import { fold } from './evolve';
import { EMPTY_SCHEMA } from './schema-state';
import { restoreSchemaState } from './snapshot';
import { createTable, history, migration } from '../testing/history';

describe('restoreSchemaState', () => {
  it('hands a state of the current shape back as it is', () => {
    const state = JSON.parse(
      JSON.stringify(
        fold(history(migration('0001', createTable('users', 'id bigint'))), EMPTY_SCHEMA),
      ),
    ) as unknown;
    expect(restoreSchemaState(state)).toBe(state);
  });

  it('fills what a state stored by an earlier version lacks', () => {
    const ref = { eventId: 'e', kind: 'table.created' };
    const old = {
      tables: {
        users: {
          name: 'users',
          columns: [
            { name: 'id', type: { sql: 'bigint' }, nullable: false, createdBy: ref, changedBy: [] },
          ],
          indexes: [{ name: 'users_idx', columns: ['id'], createdBy: ref }],
          constraints: [],
          createdBy: ref,
          changedBy: [],
        },
      },
      anomalies: [],
      position: 3,
    };
    const restored = restoreSchemaState(old);
    expect(restored.enums).toEqual({});
    expect(restored.schemas).toEqual({});
    expect(restored.position).toBe(3);
    expect(restored.tables['users']).toMatchObject({ options: {}, triggers: [], policies: [] });
    expect(restored.tables['users']!.indexes[0]!.changedBy).toEqual([]);
  });

  it('gives the empty schema for nothing stored', () => {
    expect(restoreSchemaState(undefined)).toEqual(EMPTY_SCHEMA);
  });
});
