import { loadRubyParser } from './ruby-parser';
import { RubyReader, RubyScope } from './ruby-reader';
import { toRubySource, type RbCall, type RbValue } from './ruby-value';

/** When this Ruby is read, then its statements are ... */
async function whenRead(source: string): Promise<RbValue[]> {
  const parser = await loadRubyParser();
  return parser.parse(source, (root) => new RubyReader(root).statements(root, new RubyScope()));
}

async function valueOf(expression: string): Promise<RbValue> {
  const values = await whenRead(expression);
  return values.at(-1)!;
}

/** The value without its line, for specs about content. */
function plain(value: RbValue): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, item: unknown) => (key === 'line' ? undefined : item)),
  );
}

describe('ruby reader', () => {
  describe('literals', () => {
    it.each([
      [':users', { type: 'symbol', value: 'users' }],
      [':"odd name"', { type: 'symbol', value: 'odd name' }],
      ['"users"', { type: 'string', value: 'users' }],
      ["'it\\'s'", { type: 'string', value: "it's" }],
      ["'a\\nb'", { type: 'string', value: 'a\\nb' }],
      ['"tab\\there\\u00e9\\x41"', { type: 'string', value: 'tab\there\u00e9A' }],
      ['%q(single #{x})', { type: 'string', value: 'single #{x}' }],
      ['%(double)', { type: 'string', value: 'double' }],
      ['"a" "b"', { type: 'string', value: 'ab' }],
      ['"a" + \'b\'', { type: 'string', value: 'ab' }],
      ['42', { type: 'integer', value: 42 }],
      ['1_000', { type: 'integer', value: 1000 }],
      ['0x1f', { type: 'integer', value: 31 }],
      ['-3', { type: 'integer', value: -3 }],
      ['1.5', { type: 'float', value: 1.5, text: '1.5' }],
      ['true', { type: 'boolean', value: true }],
      ['false', { type: 'boolean', value: false }],
      ['nil', { type: 'nil' }],
      ['User', { type: 'constant', name: 'User' }],
      ['ActiveRecord::Base', { type: 'constant', name: 'ActiveRecord::Base' }],
    ])('given %s, when read, then it is the literal', async (source, expected) => {
      expect(plain(await valueOf(source))).toEqual(expected);
    });

    it('given arrays and word arrays, when read, then their items are read', async () => {
      expect(toRubySource(await valueOf('[:a, "b", 1]'))).toBe('[:a, "b", 1]');
      expect(toRubySource(await valueOf('%w[a b]'))).toBe('["a", "b"]');
      expect(toRubySource(await valueOf('%i[a b]'))).toBe('[:a, :b]');
    });

    it('given hashes with symbol keys, string keys and the shorthand, when read, then the keys are as Ruby sees them', async () => {
      const hash = await valueOf('name = "x"\n{ a: 1, "b": 2, "c" => 3, :d => 4, name: }');
      expect(toRubySource(hash)).toBe('{:a => 1, :b => 2, "c" => 3, :d => 4, :name => "x"}');
    });

    it('given an interpolated string, when read, then it is not a literal and keeps its parts', async () => {
      expect(plain(await valueOf('"a\\t#{b} c"'))).toEqual({
        type: 'unknown',
        kind: 'string',
        source: '"a\\t#{b} c"',
        parts: [
          'a\t',
          { source: 'b', value: { type: 'call', method: 'b', args: [], source: 'b' } },
          ' c',
        ],
      });
    });

    it('given interpolation of constants and locals bound to literals, when read, then it is a literal', async () => {
      expect(plain(await valueOf('T = :users\nn = 2\n"#{T}_#{n}" \'x\''))).toEqual({
        type: 'string',
        value: 'users_2x',
      });
    });

    it('given + with a string and a value not known, when read, then it is a string built at run time', async () => {
      const value = await valueOf('"a = \'" + to + "\'"');
      expect(value).toMatchObject({
        type: 'unknown',
        kind: 'binary',
        parts: ["a = '", { source: 'to' }, "'"],
      });
    });
  });

  describe('heredocs', () => {
    it('given a squiggly heredoc with .squish, when read, then its text is dedented and squished', async () => {
      const [call] = (await whenRead(
        'execute <<~SQL.squish\n  UPDATE users\n     SET a = 1\nSQL\n',
      )) as RbCall[];
      expect(call?.args[0]).toMatchObject({ type: 'string', value: 'UPDATE users SET a = 1' });
    });

    it('given a squiggly heredoc, when read, then the common indentation is removed', async () => {
      const [call] = (await whenRead(
        'execute <<~SQL\n    SELECT 1\n      FROM x\n  SQL\n',
      )) as RbCall[];
      expect(call?.args[0]).toMatchObject({ value: 'SELECT 1\n  FROM x\n' });
    });

    it('given two heredocs in one call, when read, then each gets its own body', async () => {
      const [call] = (await whenRead(
        "pair <<-ONE, <<-'TWO'\n  first\n  ONE\n  second \\n\n  TWO\n",
      )) as RbCall[];
      expect(call?.args.map((arg) => (arg.type === 'string' ? arg.value : arg.type))).toEqual([
        '  first\n',
        '  second \\n\n',
      ]);
    });

    it('given an interpolating heredoc, when read, then it is not a literal and keeps its parts', async () => {
      const [call] = (await whenRead('execute <<~SQL\n  SELECT #{x}\nSQL\n')) as RbCall[];
      expect(call?.args[0]).toMatchObject({
        type: 'unknown',
        parts: ['SELECT ', { source: 'x' }, '\n'],
      });
    });

    it('given an interpolating heredoc with .squish, when read, then its text is squished around the expressions', async () => {
      const [call] = (await whenRead(
        "execute <<~SQL.squish\n  UPDATE t\n     SET a = '#{x}'\n   WHERE b = #{y.id}\nSQL\n",
      )) as RbCall[];
      expect(call?.args[0]).toMatchObject({
        type: 'unknown',
        parts: ["UPDATE t SET a = '", { source: 'x' }, "' WHERE b = ", { source: 'y.id' }],
      });
    });

    it('given a heredoc interpolating a constant bound to a literal, when read, then it is a literal', async () => {
      const values = await whenRead('T = "users"\nexecute <<~SQL\n  DELETE FROM #{T}\nSQL\n');
      expect((values[1] as RbCall).args[0]).toMatchObject({
        type: 'string',
        value: 'DELETE FROM users\n',
      });
    });
  });

  describe('calls and scope', () => {
    it('given a call with keyword arguments and a block, when read, then receiver, arguments, options and block are kept', async () => {
      const [call] = (await whenRead(
        'create_table :users, force: :cascade do |t|\n  t.string :name, null: false\nend\n',
      )) as RbCall[];
      expect(call).toMatchObject({
        type: 'call',
        method: 'create_table',
        args: [{ type: 'symbol', value: 'users', line: 1 }],
        options: { entries: [{ key: { value: 'force' }, value: { value: 'cascade' } }] },
        block: {
          params: ['t'],
          body: [
            {
              type: 'call',
              receiver: { type: 'variable', name: 't' },
              method: 'string',
              args: [{ value: 'name' }],
              line: 2,
            },
          ],
        },
      });
    });

    it('given a braced hash last, when read, then it stands for the keyword arguments', async () => {
      const [call] = (await whenRead('add_index :a, :b, { unique: true }')) as RbCall[];
      expect(call?.args).toHaveLength(2);
      expect(toRubySource(call!.options!)).toBe('{:unique => true}');
    });

    it('given a splat argument, when read, then the call says its arguments are not all known', async () => {
      const [call] = (await whenRead('add_column :a, :b, :string, **options')) as RbCall[];
      expect(call?.dynamicArguments).toBe(true);
    });

    it('given constants and locals bound to literals, when used, then they read as the literal', async () => {
      const values = await whenRead(
        'TABLE = :users\ncolumn = "name"\nadd_column TABLE, column, :string',
      );
      expect((values[2] as RbCall).args.map(toRubySource)).toEqual([':users', '"name"', ':string']);
    });

    it('given an instance variable assigned a literal, when used after it, then it reads as the literal', async () => {
      const values = await whenRead('@tables = %w[a b]\n@tables.each { |t| t }');
      expect(toRubySource((values[1] as RbCall).receiver!)).toBe('["a", "b"]');
    });

    it('given a local assigned in a branch, when used after it, then its value is unknown', async () => {
      const values = await whenRead(
        'name = "a"\nif x\n  name = "b"\nend\nadd_column :t, name, :string',
      );
      expect((values[2] as RbCall).args[1]).toMatchObject({ type: 'variable', name: 'name' });
    });

    it('given a bare name that is not bound, when read, then it is a call without arguments', async () => {
      expect(await valueOf('add_helper_columns')).toMatchObject({
        type: 'call',
        method: 'add_helper_columns',
        args: [],
      });
    });

    it('given lambdas, when read, then their bodies are kept', async () => {
      expect(await valueOf('-> { "now()" }')).toMatchObject({
        type: 'lambda',
        body: [{ type: 'string', value: 'now()' }],
      });
      expect(await valueOf('lambda { "now()" }')).toMatchObject({ type: 'lambda' });
    });

    it('given control flow, when read, then the statements inside are kept', async () => {
      const control = await valueOf('add_column :a, :b, :string unless column_exists?(:a, :b)');
      expect(control).toMatchObject({
        type: 'control',
        kind: 'unless_modifier',
        statements: [{ method: 'add_column' }, { method: 'column_exists?' }],
      });
    });

    it('given if / unless without an else branch, when read, then the guard keeps its condition and the statements it guards', async () => {
      expect(
        await valueOf('add_column :a, :b, :string unless column_exists?(:a, :b)'),
      ).toMatchObject({
        guard: { condition: { method: 'column_exists?' }, body: [{ method: 'add_column' }] },
      });
      expect(await valueOf('if table_exists?(:a)\n  drop_table :a\n  say "x"\nend')).toMatchObject({
        kind: 'if',
        guard: {
          condition: { method: 'table_exists?' },
          body: [{ method: 'drop_table' }, { method: 'say' }],
        },
      });
      expect(await valueOf('if a?\n  b\nelse\n  c\nend')).not.toHaveProperty('guard');
      expect(await valueOf('if a?\n  b\nelsif c?\n  d\nend')).not.toHaveProperty('guard');
    });

    it('given a frozen literal array bound to a constant, when read, then the constant is the array', async () => {
      const values = await whenRead('COLUMNS = %i[a b].freeze\nCOLUMNS');
      expect(plain(values.at(-1)!)).toEqual({
        type: 'array',
        items: [
          { type: 'symbol', value: 'a' },
          { type: 'symbol', value: 'b' },
        ],
      });
    });
  });
});
