import { renderTable } from './table';

const rows = [
  { name: 'orders', columns: 12, note: 'big' },
  { name: 'a', columns: 3, note: '' },
];

describe('renderTable', () => {
  it('aligns columns under their headings, numbers to the right, with no trailing blanks', () => {
    const text = renderTable(
      [
        { heading: 'TABLE', value: (row: (typeof rows)[number]) => row.name },
        { heading: 'COLS', value: (row) => row.columns, align: 'right' },
        { heading: 'NOTE', value: (row) => row.note },
      ],
      rows,
    );

    expect(text.split('\n')).toEqual(['TABLE   COLS  NOTE', 'orders    12  big', 'a          3']);
  });

  it('styles cells after padding, so escape codes do not shift the columns', () => {
    const text = renderTable(
      [
        {
          heading: 'TABLE',
          value: (row: (typeof rows)[number]) => row.name,
          style: (cell) => `<${cell}>`,
        },
        { heading: 'COLS', value: (row) => row.columns },
      ],
      rows,
      (heading) => heading.toLowerCase(),
    );

    expect(text.split('\n')).toEqual(['table   cols', '<orders>  12', '<a     >  3']);
  });
});
