import { EventPayloads, type EventDraft } from '@schematrace/contracts';

type ParsedMigrations = readonly {
  readonly name: string;
  readonly events: readonly EventDraft[];
}[];

/** Every draft's payload satisfies the contract of its kind; a failure names the migration. */
export function expectValidPayloads(migrations: ParsedMigrations): void {
  for (const migration of migrations) {
    for (const draft of migration.events) {
      const result = EventPayloads[draft.kind].safeParse(draft.payload);
      expect({ migration: migration.name, draft, issues: result.error?.issues }).toEqual({
        migration: migration.name,
        draft,
        issues: undefined,
      });
    }
  }
}

/** opIndex never decreases, and subIndex counts from 0 within each operation. */
export function expectOrderedPositions(migrations: ParsedMigrations): void {
  for (const migration of migrations) {
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
}
