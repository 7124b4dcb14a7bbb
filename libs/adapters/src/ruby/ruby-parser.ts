import type { Node } from 'web-tree-sitter';
import {
  findSyntaxError,
  loadGrammarParser,
  type GrammarParser,
  type GrammarSyntaxError,
} from '../tree-sitter/grammar-parser';

/** Where a Ruby file stopped making sense to the grammar. */
export type RubySyntaxError = GrammarSyntaxError;

/** A Ruby parser (tree-sitter-ruby); `read` copies out what it needs (see ruby-reader). */
export type RubyParser = GrammarParser;

/** Loads the Ruby grammar once per process; every parse after it is synchronous. */
export function loadRubyParser(): Promise<RubyParser> {
  return loadGrammarParser('tree-sitter-ruby/tree-sitter-ruby.wasm');
}

/** The first place where the grammar had to recover; an unclosed block says `end` is missing. */
export function firstSyntaxError(root: Node): RubySyntaxError | undefined {
  return findSyntaxError(root, { unclosedHint: 'missing "end"?' });
}
