import type { SchemaEvent, SchemaEventOf, TableRef } from '@schematrace/contracts';
import type { NumberedEvent } from '../schema/evolve';
import { objectKey } from '../schema/schema-state';

/** One step in the life of a table or column. */
export interface LineageStep {
  readonly sequence: number;
  readonly event: SchemaEvent;
  /** Which life this step belongs to: 1 for the first creation, 2 after a drop and re-add, … */
  readonly incarnation: number;
  /** The table (or `table.column`) name just before and just after the step. */
  readonly nameBefore?: string;
  readonly nameAfter?: string;
}

export interface Lineage {
  /** `table` or `table.column`, as asked. */
  readonly subject: string;
  readonly steps: readonly LineageStep[];
  /** The name it has now, when it still exists. */
  readonly currentName?: string;
}

interface Life {
  readonly id: number;
  name: string;
  readonly steps: LineageStep[];
  alive: boolean;
}

/**
 * The whole life of a table, or of one column, followed through renames (of the column and of
 * its table), type and other changes, drops and re-adds. Every life that ever ended under the
 * asked name — or bears it now — is included, so dropping a table and creating one of the same
 * name later reads as one story in incarnations. A table renamed away and replaced by a new one
 * of the old name is two stories: ask for the new name to follow the renamed one.
 */
export function lineageOf(
  events: Iterable<NumberedEvent>,
  subject: { table: string; column?: string },
): Lineage {
  const tables = new LifeBook();
  const columns = new LifeBook();
  for (const { event, sequence } of events) {
    followTables(tables, event, sequence);
    if (subject.column !== undefined) followColumns(columns, event, sequence);
  }
  const name = subject.column === undefined ? subject.table : `${subject.table}.${subject.column}`;
  const book = subject.column === undefined ? tables : columns;
  const lives = book.all().filter((life) => life.name === name);
  const steps = lives
    .flatMap((life, index) => life.steps.map((step) => ({ ...step, incarnation: index + 1 })))
    .sort((a, b) => a.sequence - b.sequence);
  const living = lives.find((life) => life.alive);
  return { subject: name, steps, ...(living ? { currentName: living.name } : {}) };
}

/** Lives by their current name; ended lives are kept for the record. */
class LifeBook {
  private readonly living = new Map<string, Life>();
  private readonly lives: Life[] = [];
  private nextId = 1;

  get(name: string): Life | undefined {
    return this.living.get(name);
  }

  begin(name: string): Life {
    const life: Life = { id: this.nextId++, name, steps: [], alive: true };
    this.living.set(name, life);
    this.lives.push(life);
    return life;
  }

  /** The life under this name, begun when the history never showed its creation. */
  getOrBegin(name: string): Life {
    return this.get(name) ?? this.begin(name);
  }

  rename(life: Life, name: string): void {
    this.living.delete(life.name);
    life.name = name;
    this.living.set(name, life);
  }

  end(life: Life): void {
    this.living.delete(life.name);
    life.alive = false;
  }

  alive(): Life[] {
    return [...this.living.values()];
  }

  all(): Life[] {
    return this.lives;
  }
}

function record(
  life: Life,
  event: SchemaEvent,
  sequence: number,
  before: string,
  after?: string,
): void {
  life.steps.push({
    sequence,
    event,
    incarnation: 0,
    nameBefore: before,
    ...(after === undefined ? {} : { nameAfter: after }),
  });
}

const keyOf = (table: TableRef) => objectKey(table);

function tableMove(event: SchemaEventOf<'table.renamed' | 'table.schema_changed'>): {
  from: string;
  to: string;
} {
  const from = keyOf(event.payload.table);
  const to =
    event.kind === 'table.renamed'
      ? keyOf({ ...event.payload.table, name: event.payload.newName })
      : keyOf({ ...event.payload.table, schema: event.payload.newSchema });
  return { from, to };
}

function followTables(book: LifeBook, event: SchemaEvent, sequence: number): void {
  const payload = event.payload as { table?: TableRef; tables?: readonly TableRef[] };
  switch (event.kind) {
    case 'table.created': {
      const name = keyOf(event.payload.table);
      const existing = book.get(name);
      if (existing && event.payload.replaceExisting) book.end(existing);
      else if (existing) return record(existing, event, sequence, name, name);
      return record(book.begin(name), event, sequence, name, name);
    }
    case 'table.dropped': {
      const life = book.get(keyOf(event.payload.table));
      if (!life) return;
      record(life, event, sequence, life.name);
      return book.end(life);
    }
    case 'table.renamed':
    case 'table.schema_changed': {
      const { from, to } = tableMove(event);
      const life = book.getOrBegin(from);
      record(life, event, sequence, from, to);
      return book.rename(life, to);
    }
    case 'schema.dropped':
      if (!event.payload.cascade) return;
      for (const life of book
        .alive()
        .filter((candidate) => candidate.name.startsWith(`${event.payload.name}.`))) {
        record(life, event, sequence, life.name);
        book.end(life);
      }
      return;
    default: {
      const tables = payload.tables ?? (payload.table ? [payload.table] : []);
      for (const table of tables) {
        const name = keyOf(table);
        record(book.getOrBegin(name), event, sequence, name, name);
      }
    }
  }
}

function followColumns(book: LifeBook, event: SchemaEvent, sequence: number): void {
  switch (event.kind) {
    case 'column.added': {
      const name = `${keyOf(event.payload.table)}.${event.payload.column.name}`;
      return record(book.get(name) ?? book.begin(name), event, sequence, name, name);
    }
    case 'column.dropped': {
      const life = book.get(`${keyOf(event.payload.table)}.${event.payload.column}`);
      if (!life) return;
      record(life, event, sequence, life.name);
      return book.end(life);
    }
    case 'column.renamed': {
      const table = keyOf(event.payload.table);
      const from = `${table}.${event.payload.column}`;
      const life = book.getOrBegin(from);
      const to = `${table}.${event.payload.newName}`;
      record(life, event, sequence, from, to);
      return book.rename(life, to);
    }
    case 'column.type_changed':
    case 'column.nullability_changed':
    case 'column.default_changed':
    case 'column.comment_changed': {
      const name = `${keyOf(event.payload.table)}.${event.payload.column}`;
      return record(book.getOrBegin(name), event, sequence, name, name);
    }
    case 'table.renamed':
    case 'table.schema_changed': {
      // Columns move with their table.
      const { from, to } = tableMove(event);
      for (const life of book
        .alive()
        .filter((candidate) => candidate.name.startsWith(`${from}.`))) {
        const moved = `${to}${life.name.slice(from.length)}`;
        record(life, event, sequence, life.name, moved);
        book.rename(life, moved);
      }
      return;
    }
    case 'table.dropped': {
      const table = keyOf(event.payload.table);
      for (const life of book
        .alive()
        .filter((candidate) => candidate.name.startsWith(`${table}.`))) {
        record(life, event, sequence, life.name);
        book.end(life);
      }
      return;
    }
    default:
      return;
  }
}
