import { firstSyntaxError, loadPythonParser } from './python-parser';

describe('python parser', () => {
  it('given repeated loads, when awaited, then the same parser is shared', async () => {
    const [first, second] = await Promise.all([loadPythonParser(), loadPythonParser()]);
    expect(first).toBe(second);
  });

  it('given valid Python, when parsed, then there is no syntax error', async () => {
    const parser = await loadPythonParser();
    expect(
      parser.parse('class Migration(migrations.Migration):\n    pass\n', firstSyntaxError),
    ).toBeUndefined();
  });

  it('given an unclosed call, when parsed, then the error names the line and what is missing', async () => {
    const parser = await loadPythonParser();
    const source = 'operations = [\n    migrations.AddField(\n        name="x",\n]\n';
    // The grammar notices the missing parenthesis right after the last argument.
    expect(parser.parse(source, firstSyntaxError)).toEqual({
      line: 3,
      column: 18,
      description: 'missing ")"',
    });
  });

  it('given stray tokens, when parsed, then the error quotes them', async () => {
    const parser = await loadPythonParser();
    expect(parser.parse('x = 1\ny = = 2\n', firstSyntaxError)).toMatchObject({
      line: 2,
      description: 'unexpected "="',
    });
  });

  it('given the reader returns, when parsing again, then the parser is reusable', async () => {
    const parser = await loadPythonParser();
    const kinds = ['a = 1', 'def f(): pass', 'class C: pass'].map((source) =>
      parser.parse(source, (root) => root.namedChildren[0]?.type),
    );
    expect(kinds).toEqual(['expression_statement', 'function_definition', 'class_definition']);
  });
});
