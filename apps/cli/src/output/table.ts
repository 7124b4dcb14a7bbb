/** One column of a table: its heading, and how to show a row in it. */
export interface TableColumn<Row> {
  readonly heading: string;
  readonly value: (row: Row) => string | number | null | undefined;
  readonly align?: 'left' | 'right';
  /** Colour or weight applied after padding, so escape codes never break the alignment. */
  readonly style?: (text: string, row: Row) => string;
}

/** Rows as aligned text columns under their headings, two spaces apart; no trailing blanks. */
export function renderTable<Row>(
  columns: readonly TableColumn<Row>[],
  rows: readonly Row[],
  heading: (text: string) => string = (text) => text,
): string {
  const cells = rows.map((row) => columns.map((column) => String(column.value(row) ?? '')));
  const widths = columns.map((column, index) =>
    Math.max(column.heading.length, ...cells.map((row) => row[index]!.length)),
  );
  const line = (texts: readonly string[], styled: (text: string, index: number) => string) =>
    texts
      .map((text, index) => {
        const last = index === texts.length - 1;
        const padded =
          columns[index]!.align === 'right'
            ? text.padStart(widths[index]!)
            : last
              ? text
              : text.padEnd(widths[index]!);
        return styled(padded, index);
      })
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((column) => column.heading),
      (text) => heading(text),
    ),
    ...cells.map((row, rowIndex) =>
      line(row, (text, index) => columns[index]!.style?.(text, rows[rowIndex]!) ?? text),
    ),
  ].join('\n');
}
