import type { Node } from 'web-tree-sitter';
import {
  findSyntaxError,
  loadGrammarParser,
  type GrammarParser,
  type GrammarSyntaxError,
} from '../tree-sitter/grammar-parser';

/** Where a Python file stopped making sense to the grammar. */
export type PythonSyntaxError = GrammarSyntaxError;

/** A Python parser (tree-sitter-python); `read` copies out what it needs (see python-literal). */
export type PythonParser = GrammarParser;

/** Loads the Python grammar once per process; every parse after it is synchronous. */
export function loadPythonParser(): Promise<PythonParser> {
  return loadGrammarParser('tree-sitter-python/tree-sitter-python.wasm');
}

/** The first place where the grammar had to recover, or undefined for a clean tree. */
export function firstSyntaxError(root: Node): PythonSyntaxError | undefined {
  return findSyntaxError(root);
}
