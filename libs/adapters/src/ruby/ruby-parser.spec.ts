import { loadPythonParser } from '../python/python-parser';
import { firstSyntaxError, loadRubyParser } from './ruby-parser';

describe('ruby parser', () => {
  it('given the grammar, when loaded twice, then the same parser comes back', async () => {
    const [first, second] = await Promise.all([loadRubyParser(), loadRubyParser()]);
    expect(first).toBe(second);
  });

  it('given a clean file, when parsed, then the tree has no syntax error', async () => {
    const parser = await loadRubyParser();
    const error = parser.parse(
      'class A < ActiveRecord::Migration[7.1]\n  def change\n    add_column :a, :b, :string\n  end\nend\n',
      firstSyntaxError,
    );
    expect(error).toBeUndefined();
  });

  it('given an unclosed class, when parsed, then the error says what is not closed', async () => {
    const parser = await loadRubyParser();
    const error = parser.parse(
      'class A < B\n  def change\n    create_table :x do |t|\n  end\nend\n',
      firstSyntaxError,
    );
    expect(error).toEqual({
      line: 1,
      column: 1,
      description: '"class A < B" is not closed before the end of the file (missing "end"?)',
    });
  });

  it('given a stray token, when parsed, then the error names its line', async () => {
    const parser = await loadRubyParser();
    const error = parser.parse('add_column :a, :b\nadd_index :a, ) :b\n', firstSyntaxError);
    expect(error?.line).toBe(2);
  });

  it('given the Python parser loaded too, when both parse, then each reads its own language', async () => {
    const [python, ruby] = await Promise.all([loadPythonParser(), loadRubyParser()]);
    expect(python.parse('x = [1, 2]\n', (root) => root.firstNamedChild?.type)).toBe(
      'expression_statement',
    );
    expect(ruby.parse('x = [1, 2]\n', (root) => root.firstNamedChild?.type)).toBe('assignment');
  });
});
