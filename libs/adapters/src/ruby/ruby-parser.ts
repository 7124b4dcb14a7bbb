import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node } from 'web-tree-sitter';

/** Where a Ruby file stopped making sense to the grammar. */
export interface RubySyntaxError {
  readonly line: number;
  readonly column: number;
  /** What the grammar expected or could not place, e.g. `missing "end"` or `unexpected ")"`. */
  readonly description: string;
}

/** A Ruby parser backed by the tree-sitter grammar; parsing never executes anything. */
export interface RubyParser {
  /**
   * Parses `source` and hands its syntax tree to `read`. The tree lives in WebAssembly memory and
   * is freed as soon as `read` returns, so `read` must copy out what it needs (see ruby-reader).
   */
  parse<T>(source: string, read: (root: Node) => T): T;
}

let loading: Promise<RubyParser> | undefined;

/**
 * Loads web-tree-sitter and the Ruby grammar (tree-sitter-ruby's WebAssembly build) once per
 * process. Initialisation is asynchronous (it compiles WebAssembly); every parse is synchronous.
 */
export function loadRubyParser(): Promise<RubyParser> {
  loading ??= createRubyParser().catch((error: unknown) => {
    // Let a later caller retry instead of caching the failure forever.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function createRubyParser(): Promise<RubyParser> {
  // web-tree-sitter keeps one WebAssembly module per process, so this is safe next to the Python
  // parser's own init.
  await Parser.init();
  // Handing over the bytes (not a path) keeps web-tree-sitter from a dynamic import() of its own,
  // which CommonJS hosts such as Jest cannot run.
  const wasm = await readFile(require.resolve('tree-sitter-ruby/tree-sitter-ruby.wasm'));
  const grammar = await Language.load(new Uint8Array(wasm));
  const parser = new Parser();
  parser.setLanguage(grammar);
  return {
    parse<T>(source: string, read: (root: Node) => T): T {
      const tree = parser.parse(source);
      if (!tree) throw new Error('tree-sitter returned no tree');
      try {
        return read(tree.rootNode);
      } finally {
        tree.delete();
      }
    },
  };
}

/** The first place where the grammar had to recover, or undefined for a clean tree. */
export function firstSyntaxError(root: Node): RubySyntaxError | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing || node.type === 'ERROR') {
      // An ERROR running to the end of the file is a construct never closed: say so.
      const unclosed = !node.isMissing && root.text.slice(node.endIndex).trim() === '';
      const description = node.isMissing
        ? `missing ${JSON.stringify(node.type)}`
        : unclosed
          ? `${JSON.stringify(oneLine(firstLine(node.text)))} is not closed before the end of the file (missing "end"?)`
          : `unexpected ${JSON.stringify(oneLine(node.text))}`;
      return {
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        description,
      };
    }
    // Depth first, leftmost child first: push in reverse so the earliest problem is found first.
    const children = node.children.filter((child) => child.hasError || child.isMissing);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { line: root.startPosition.row + 1, column: 1, description: 'syntax error' };
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}
