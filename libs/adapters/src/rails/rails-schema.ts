/**
 * What earlier migrations of the scan created, as far as later ones need it: Rails looks up
 * existing indexes and constraints when a migration removes them by columns, renames a table
 * (its primary key index, sequence and default-named indexes follow) or renames a column.
 * Tables created before the scan are unknown: Rails' default names stand in for lookups.
 */
export interface IndexState {
  readonly name: string;
  /** Undefined for an expression index. */
  readonly columns?: readonly string[];
}

export interface ForeignKeyState {
  readonly name: string;
  readonly columns: readonly string[];
  readonly toTable: string;
}

export interface TableState {
  /** The single-column primary key, and the sequence behind it when it is serial. */
  primaryKey?: { readonly column: string; readonly sequence?: string };
  indexes: IndexState[];
  foreignKeys: ForeignKeyState[];
  checks: { readonly name: string; readonly expression: string }[];
}

export class RailsSchema {
  private readonly tables = new Map<string, TableState>();

  table(name: string): TableState | undefined {
    return this.tables.get(name);
  }

  /** The state of a table, created empty for a table this scan has not seen created. */
  tracked(name: string): TableState {
    let table = this.tables.get(name);
    if (!table) {
      table = { indexes: [], foreignKeys: [], checks: [] };
      this.tables.set(name, table);
    }
    return table;
  }

  create(name: string, table: TableState): void {
    this.tables.set(name, table);
  }

  drop(name: string): void {
    this.tables.delete(name);
  }

  rename(name: string, newName: string): TableState | undefined {
    const table = this.tables.get(name);
    this.tables.delete(name);
    if (table) this.tables.set(newName, table);
    return table;
  }
}

export function sameColumns(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((column, i) => column === b[i]);
}
