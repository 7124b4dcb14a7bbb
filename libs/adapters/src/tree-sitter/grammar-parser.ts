import { readFile } from 'node:fs/promises';
import { Language, Parser, type Node } from 'web-tree-sitter';

/** Where a file stopped making sense to its grammar. */
export interface GrammarSyntaxError {
  readonly line: number;
  readonly column: number;
  /** What the grammar expected or could not place, e.g. `missing ")"` or `unexpected "=="`. */
  readonly description: string;
}

/** A parser backed by a tree-sitter grammar; parsing never executes anything. */
export interface GrammarParser {
  /**
   * Parses `source` and hands its syntax tree to `read`. The tree lives in WebAssembly memory and
   * is freed as soon as `read` returns, so `read` must copy out what it needs.
   */
  parse<T>(source: string, read: (root: Node) => T): T;
}

const loading = new Map<string, Promise<GrammarParser>>();

/**
 * Loads web-tree-sitter and one grammar's WebAssembly build (a module path such as
 * `tree-sitter-python/tree-sitter-python.wasm`) once per process. Initialisation is asynchronous
 * (it compiles WebAssembly); every parse after it is synchronous.
 */
export function loadGrammarParser(wasmModule: string): Promise<GrammarParser> {
  let parser = loading.get(wasmModule);
  if (!parser) {
    parser = createParser(wasmModule).catch((error: unknown) => {
      // Let a later caller retry instead of caching the failure forever.
      loading.delete(wasmModule);
      throw error;
    });
    loading.set(wasmModule, parser);
  }
  return parser;
}

async function createParser(wasmModule: string): Promise<GrammarParser> {
  // web-tree-sitter keeps one WebAssembly runtime per process; init is safe to repeat.
  await Parser.init();
  // Handing over the bytes (not a path) keeps web-tree-sitter from a dynamic import() of its own,
  // which CommonJS hosts such as Jest cannot run.
  const wasm = await readFile(require.resolve(wasmModule));
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

/**
 * The first place where the grammar had to recover, or undefined for a clean tree. With
 * `unclosedHint`, an error running to the end of the file is described as a construct never
 * closed (Ruby's `do` without `end`, say).
 */
export function findSyntaxError(
  root: Node,
  options: { unclosedHint?: string } = {},
): GrammarSyntaxError | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isMissing || node.type === 'ERROR') {
      const unclosed =
        options.unclosedHint !== undefined &&
        !node.isMissing &&
        root.text.slice(node.endIndex).trim() === '';
      const description = node.isMissing
        ? `missing ${JSON.stringify(node.type)}`
        : unclosed
          ? `${JSON.stringify(oneLine(firstLine(node.text)))} is not closed before the end of the file (${options.unclosedHint})`
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
