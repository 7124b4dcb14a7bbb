import { evaluateLiteral, expressions, type PythonScope } from './python-literal';
import { loadPythonParser, type PythonParser } from './python-parser';
import type { PyValue } from './python-value';

let parser: PythonParser;
beforeAll(async () => {
  parser = await loadPythonParser();
});

/** Given this Python expression (as the right side of an assignment), when it is read. */
function literalOf(expression: string, scope?: PythonScope): PyValue {
  return parser.parse(`value = ${expression}\n`, (root) => {
    const assignment = expressions(expressions(root)[0]!)[0]!;
    return evaluateLiteral(assignment.childForFieldName('right')!, scope);
  });
}

describe('python literal evaluator', () => {
  describe('given strings', () => {
    it.each([
      [`'plain'`, 'plain'],
      [`"double"`, 'double'],
      [`'''triple\nline'''`, 'triple\nline'],
      [`'tab\\there'`, 'tab\there'],
      [`'quote \\' inside'`, "quote ' inside"],
      [`'\\x41\\u00e9\\101'`, 'AéA'],
      [`r'\\d+\\n'`, '\\d+\\n'],
      [`u'unicode'`, 'unicode'],
      [`'implicit ' "concatenation" '''!'''`, 'implicit concatenation!'],
      [`("wrapped "\n "over lines")`, 'wrapped over lines'],
      [`'a' + 'b'`, 'ab'],
      [`f'no placeholders'`, 'no placeholders'],
    ])('when %s is read, then it is the string %j', (source, value) => {
      expect(literalOf(source)).toEqual({ type: 'str', value, line: 1 });
    });

    it('when a byte string is read, then it is bytes', () => {
      expect(literalOf(`b'\\x00ab'`)).toEqual({ type: 'bytes', value: '\u0000ab', line: 1 });
    });

    it('when an f-string interpolates, then it is unknown with its source', () => {
      expect(literalOf(`f'{name}_id'`)).toEqual({
        type: 'unknown',
        kind: 'string',
        source: `f'{name}_id'`,
        line: 1,
      });
    });
  });

  describe('given numbers, booleans and None', () => {
    it.each([
      ['120', { type: 'int', value: 120 }],
      ['-5', { type: 'int', value: -5 }],
      ['1_000', { type: 'int', value: 1000 }],
      ['0x1F', { type: 'int', value: 31 }],
      ['0o17', { type: 'int', value: 15 }],
      ['0b101', { type: 'int', value: 5 }],
      ['1.5', { type: 'float', value: 1.5 }],
      ['-2.5e3', { type: 'float', value: -2500 }],
      ['True', { type: 'bool', value: true }],
      ['False', { type: 'bool', value: false }],
      ['None', { type: 'none' }],
    ])('when %s is read, then it is %j', (source, expected) => {
      expect(literalOf(source)).toEqual({ ...expected, line: 1 });
    });

    it('when a complex number is read, then it is unknown', () => {
      expect(literalOf('2j')).toMatchObject({ type: 'unknown', source: '2j' });
    });
  });

  describe('given collections', () => {
    it('when a list with a comment and a trailing comma is read, then the comment is skipped', () => {
      expect(literalOf(`[1, # first\n 2,]`)).toEqual({
        type: 'list',
        items: [
          { type: 'int', value: 1, line: 1 },
          { type: 'int', value: 2, line: 2 },
        ],
        line: 1,
      });
    });

    it('when tuples and sets are read, then they keep their kind', () => {
      expect(literalOf(`('a',)`)).toEqual({
        type: 'tuple',
        items: [{ type: 'str', value: 'a', line: 1 }],
        line: 1,
      });
      expect(literalOf(`{('a', 'b')}`)).toMatchObject({ type: 'set', items: [{ type: 'tuple' }] });
    });

    it('when a dict is read, then its entries keep order', () => {
      expect(literalOf(`{'db_table': 'books', 'managed': False}`)).toEqual({
        type: 'dict',
        entries: [
          {
            key: { type: 'str', value: 'db_table', line: 1 },
            value: { type: 'str', value: 'books', line: 1 },
          },
          {
            key: { type: 'str', value: 'managed', line: 1 },
            value: { type: 'bool', value: false, line: 1 },
          },
        ],
        line: 1,
      });
    });

    it('when a dict unpacks another, then it is unknown', () => {
      expect(literalOf(`{'a': 1, **other}`)).toMatchObject({ type: 'unknown', kind: 'dictionary' });
    });
  });

  describe('given names and calls', () => {
    it('when an attribute chain is read, then it is a dotted name', () => {
      expect(literalOf('django.db.models.deletion.CASCADE')).toEqual({
        type: 'name',
        name: 'django.db.models.deletion.CASCADE',
        line: 1,
      });
    });

    it('when a field constructor is read, then it is a call with positional and keyword arguments', () => {
      expect(literalOf(`models.CharField('Title', max_length=120)`)).toEqual({
        type: 'call',
        callee: 'models.CharField',
        args: [{ type: 'str', value: 'Title', line: 1 }],
        kwargs: { max_length: { type: 'int', value: 120, line: 1 } },
        line: 1,
      });
    });

    it('when a call spans lines, then every value keeps its own line', () => {
      const call = literalOf(`migrations.AddField(\n    model_name='book',\n    name='isbn',\n)`);
      expect(call).toMatchObject({
        type: 'call',
        line: 1,
        kwargs: { model_name: { value: 'book', line: 2 }, name: { value: 'isbn', line: 3 } },
      });
    });

    it('when a call unpacks arguments, then they are listed as unpacked', () => {
      expect(literalOf('models.CharField(**options)')).toMatchObject({
        type: 'call',
        kwargs: {},
        unpacked: [{ type: 'name', name: 'options' }],
      });
    });

    it('when the callee is not a dotted name, then the call is unknown', () => {
      expect(literalOf('factory()(1)')).toMatchObject({ type: 'unknown', kind: 'call' });
    });

    it('when Q objects are combined, then the operators are kept', () => {
      expect(literalOf('~models.Q(a=1) | models.Q(b=2)')).toMatchObject({
        type: 'operator',
        operator: '|',
        operands: [
          { type: 'operator', operator: '~', operands: [{ type: 'call', callee: 'models.Q' }] },
          { type: 'call', callee: 'models.Q' },
        ],
      });
    });

    it('when a lambda is read, then it is unknown with its source', () => {
      expect(literalOf('lambda apps, editor: None')).toEqual({
        type: 'unknown',
        kind: 'lambda',
        source: 'lambda apps, editor: None',
        line: 1,
      });
    });
  });

  describe('given a module scope', () => {
    it('when a name bound to a literal is read, then the literal is used', () => {
      const scope: PythonScope = new Map([['SQL', { type: 'str', value: 'SELECT 1', line: 1 }]]);
      expect(literalOf('SQL', scope)).toEqual({ type: 'str', value: 'SELECT 1', line: 1 });
      expect(literalOf('forwards', scope)).toEqual({ type: 'name', name: 'forwards', line: 1 });
    });
  });
});
