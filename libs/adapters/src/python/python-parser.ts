import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node } from 'web-tree-sitter';

/** Where a Python file stopped making sense to the grammar. */
export interface PythonSyntaxError {
  readonly line: number;
  readonly column: number;
  /** What the grammar expected or could not place, e.g. `missing ")"` or `unexpected "=="`. */
  readonly description: string;
}

/** A Python parser backed by the tree-sitter grammar; parsing never executes anything. */
export interface PythonParser {
  /**
   * Parses `source` and hands its syntax tree to `read`. The tree lives in WebAssembly memory and
   * is freed as soon as `read` returns, so `read` must copy out what it needs (see python-literal).
   */
  parse<T>(source: string, read: (root: Node) => T): T;
}

let loading: Promise<PythonParser> | undefined;

/**
 * Loads web-tree-sitter and the Python grammar once per process. Initialisation is asynchronous
 * (it compiles WebAssembly); every parse after it is synchronous.
 */
export function loadPythonParser(): Promise<PythonParser> {
  loading ??= createPythonParser().catch((error: unknown) => {
    // Let a later caller retry instead of caching the failure forever.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function createPythonParser(): Promise<PythonParser> {
  await Parser.init();
  // Handing over the bytes (not a path) keeps web-tree-sitter from a dynamic import() of its own,
  // which CommonJS hosts such as Jest cannot run.
  const wasm = await readFile(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
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
export function firstSyntaxError(root: Node): PythonSyntaxError | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing || node.type === 'ERROR') {
      const description = node.isMissing
        ? `missing ${JSON.stringify(node.type)}`
        : `unexpected ${JSON.stringify(excerpt(node.text))}`;
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

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}
