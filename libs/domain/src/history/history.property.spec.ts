import fc from 'fast-check';
import { fold, foldWithSnapshots, type NumberedEvent } from '../schema/evolve';
import { restoreSchemaState } from '../schema/snapshot';
import { EMPTY_SCHEMA, type SchemaState } from '../schema/schema-state';
import { history, migration, type Op } from '../testing/history';
import { randomMigrations } from '../testing/random-history';
import { lineageOf } from './lineage';
import { applyDiff, diffSchemas, isEmptyDiff } from './schema-diff';
import { SchemaHistory } from './time-travel';

const numbered = (lists: readonly (readonly Op[])[]): NumberedEvent[] =>
  history(
    ...lists.map((ops, index) => migration(`m${String(index).padStart(3, '0')}`, [...ops])),
  ).map((event, index) => ({ event, sequence: index + 1 }));

/** What a state says about the schema, without who made it so. */
function definitions(state: SchemaState): unknown {
  return JSON.parse(
    JSON.stringify({ ...state, anomalies: [], position: 0 }, (key, value: unknown) =>
      key === 'createdBy' || key === 'changedBy' ? undefined : value,
    ),
  );
}

const RUNS = { numRuns: 200 };

describe('folding, time travel and diffs (properties)', () => {
  it('folding in one go equals folding in any split through stored snapshots', () => {
    fc.assert(
      fc.property(randomMigrations, fc.integer({ min: 1, max: 20 }), (lists, every) => {
        const events = numbered(lists);
        const whole = fold(events, EMPTY_SCHEMA);
        // Each snapshot goes through JSON, as it does through the database.
        let state = EMPTY_SCHEMA;
        for (let start = 0; start < events.length; start += every) {
          state = restoreSchemaState(
            JSON.parse(JSON.stringify(fold(events.slice(start, start + every), state))),
          );
        }
        expect(state).toEqual(whole);
        const snapshots = [...foldWithSnapshots(events, EMPTY_SCHEMA, every)];
        expect(snapshots.at(-1)).toEqual(whole);
      }),
      RUNS,
    );
  });

  it('the schema at the last point is the current schema, with or without snapshots', () => {
    fc.assert(
      fc.property(randomMigrations, fc.integer({ min: 1, max: 20 }), (lists, every) => {
        const events = numbered(lists);
        const current = fold(events, EMPTY_SCHEMA);
        const snapshots = [...foldWithSnapshots(events, EMPTY_SCHEMA, every)];
        const last = { kind: 'sequence', sequence: events.length } as const;
        expect(new SchemaHistory(events).schemaAt(last)).toEqual(current);
        expect(new SchemaHistory(events, snapshots).schemaAt(last)).toEqual(current);
      }),
      RUNS,
    );
  });

  it('a diff of a point with itself is empty; a diff from a to b applied to a gives b', () => {
    fc.assert(
      fc.property(randomMigrations, fc.nat(), fc.nat(), (lists, x, y) => {
        const events = numbered(lists);
        const time = new SchemaHistory(events);
        const a = time.schemaAt({ kind: 'sequence', sequence: x % (events.length + 1) });
        const b = time.schemaAt({ kind: 'sequence', sequence: y % (events.length + 1) });
        expect(isEmptyDiff(diffSchemas(a, a))).toBe(true);
        expect(definitions(applyDiff(a, diffSchemas(a, b)))).toEqual(definitions(b));
      }),
      RUNS,
    );
  });

  it('lineage survives any chain of renames', () => {
    const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), {
      minLength: 2,
      maxLength: 7,
    });
    fc.assert(
      fc.property(names, names, (tableNames, columnNames) => {
        const t = (name: string) => ({ name });
        const ops = [
          { kind: 'table.created' as const, payload: { table: t(tableNames[0]!) } },
          {
            kind: 'column.added' as const,
            payload: {
              table: t(tableNames[0]!),
              column: { name: columnNames[0]!, type: { sql: 'text' }, nullable: true },
            },
          },
        ];
        // Interleave table and column renames along both chains.
        let table = tableNames[0]!;
        let column = columnNames[0]!;
        const steps = Math.max(tableNames.length, columnNames.length);
        for (let i = 1; i < steps; i++) {
          if (tableNames[i]) {
            ops.push({
              kind: 'table.renamed',
              payload: { table: t(table), newName: tableNames[i]! },
            } as never);
            table = tableNames[i]!;
          }
          if (columnNames[i]) {
            ops.push({
              kind: 'column.renamed',
              payload: { table: t(table), column, newName: columnNames[i]! },
            } as never);
            column = columnNames[i]!;
          }
        }
        const events = numbered([ops]);
        const lineage = lineageOf(events, { table, column });
        expect(lineage.currentName).toBe(`${table}.${column}`);
        expect(lineage.steps[0]!.nameBefore).toBe(`${tableNames[0]}.${columnNames[0]}`);
        expect(lineage.steps.at(-1)!.nameAfter).toBe(`${table}.${column}`);
        expect(new Set(lineage.steps.map((step) => step.incarnation))).toEqual(new Set([1]));
      }),
      RUNS,
    );
  });
});
