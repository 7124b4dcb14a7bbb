import type { Node } from 'web-tree-sitter';
import {
  interpolatedText,
  stringFromParts,
  type RbBlock,
  type RbCall,
  type RbHash,
  type RbHashEntry,
  type RbStringPart,
  type RbValue,
} from './ruby-value';

/**
 * Names bound while reading: class constants (`TABLE = :users`), local variables assigned a
 * literal, block parameters (bound to a `variable`: their value is not known). Inner scopes
 * (blocks, control flow) see the outer names; what they assign stays inside.
 */
export class RubyScope {
  private readonly names = new Map<string, RbValue>();

  constructor(private readonly parent?: RubyScope) {}

  get(name: string): RbValue | undefined {
    return this.names.get(name) ?? this.parent?.get(name);
  }

  set(name: string, value: RbValue): void {
    this.names.set(name, value);
  }

  child(): RubyScope {
    return new RubyScope(this);
  }

  /** Names this scope assigned itself (not its parents'). */
  get assigned(): string[] {
    return [...this.names.keys()];
  }
}

/** String methods whose result on a literal is known: `<<~SQL.squish`, `"...".freeze`. */
const STRING_METHODS: Readonly<Record<string, (text: string) => string>> = {
  squish: (text) => text.trim().replace(/\s+/g, ' '),
  strip: (text) => text.trim(),
  chomp: (text) => text.replace(/\r?\n$/, ''),
  freeze: (text) => text,
  dup: (text) => text,
  to_s: (text) => text,
  strip_heredoc: (text) => dedent(text),
};

const CONTROL_FLOW = new Set([
  'if',
  'unless',
  'while',
  'until',
  'for',
  'case',
  'case_match',
  'begin',
  'if_modifier',
  'unless_modifier',
  'while_modifier',
  'until_modifier',
  'rescue_modifier',
  'conditional',
  'elsif',
  'when',
  'in_clause',
  'rescue',
]);

/** `if` / `unless` (block or modifier): a condition and one branch, when there is no `else`. */
const GUARDS = new Set(['if', 'unless', 'if_modifier', 'unless_modifier']);

/**
 * Turns the syntax tree of Ruby code into a typed value tree (see ruby-value). Pure: nothing is
 * required or evaluated. One reader per parsed file: it pairs heredoc openers with their bodies,
 * which the grammar places after the line that opens them.
 */
export class RubyReader {
  private readonly heredocs = new Map<number, Heredoc>();

  constructor(root: Node) {
    this.pairHeredocs(root);
  }

  /** The statements of a body (`body_statement`, `block_body`, `then`, ...), in order. */
  statements(body: Node | null | undefined, scope: RubyScope): RbValue[] {
    if (!body) return [];
    const values: RbValue[] = [];
    for (const child of body.namedChildren) {
      if (isExtra(child)) continue;
      // `rescue` / `else` / `ensure` clauses of a method body: code that may or may not run.
      if (child.type === 'rescue' || child.type === 'else' || child.type === 'ensure') {
        values.push(this.control(child, scope));
        continue;
      }
      values.push(this.statement(child, scope));
    }
    return values;
  }

  /** One statement: an assignment binds its name, control flow keeps what it contains. */
  statement(node: Node, scope: RubyScope): RbValue {
    if (node.type === 'assignment') return this.assignment(node, scope);
    return this.value(node, scope);
  }

  value(node: Node, scope: RubyScope): RbValue {
    const line = lineOf(node);
    switch (node.type) {
      case 'string':
      case 'chained_string':
        return this.string(node, scope) ?? unknown(node);
      case 'heredoc_beginning': {
        const heredoc = this.heredocs.get(node.startIndex);
        if (!heredoc) return unknown(node);
        const parts = splitMarked(heredoc.text, (i) => this.hole(heredoc.holes[i]!, scope));
        return stringFromParts(parts, node.text, 'heredoc', lineOf(node));
      }
      case 'simple_symbol':
        return { type: 'symbol', value: node.text.slice(1), line };
      case 'hash_key_symbol':
        return { type: 'symbol', value: node.text, line };
      case 'delimited_symbol': {
        const text = this.stringParts(node, '"');
        return text === undefined ? unknown(node) : { type: 'symbol', value: text, line };
      }
      case 'integer': {
        const value = integerValue(node.text);
        return value === undefined ? unknown(node) : { type: 'integer', value, line };
      }
      case 'float': {
        const value = Number(node.text.replaceAll('_', ''));
        return Number.isNaN(value)
          ? unknown(node)
          : { type: 'float', value, text: node.text, line };
      }
      case 'true':
        return { type: 'boolean', value: true, line };
      case 'false':
        return { type: 'boolean', value: false, line };
      case 'nil':
        return { type: 'nil', line };
      case 'array':
        return this.array(node, scope);
      case 'string_array':
      case 'symbol_array':
        return this.wordArray(node);
      case 'hash':
        return this.hash(node, scope) ?? unknown(node);
      case 'constant':
        return scope.get(node.text) ?? { type: 'constant', name: node.text, line };
      case 'scope_resolution':
        return { type: 'constant', name: node.text.replace(/\s+/g, ''), line };
      case 'identifier':
        // A bare name is a local variable when bound, else a call of a method with no arguments.
        return scope.get(node.text) ?? bareCall(node);
      case 'instance_variable':
        return scope.get(node.text) ?? { type: 'variable', name: node.text, line };
      case 'self':
      case 'class_variable':
      case 'global_variable':
        return { type: 'variable', name: node.text, line };
      case 'call':
        return this.call(node, scope);
      case 'lambda':
        return this.lambda(node, scope);
      case 'unary':
        return this.unary(node, scope);
      case 'binary':
        return this.binary(node, scope);
      case 'parenthesized_statements': {
        const inner = this.statements(node, scope);
        return inner.length === 1 ? inner[0]! : unknown(node);
      }
      case 'assignment':
        return this.assignment(node, scope);
      default:
        return CONTROL_FLOW.has(node.type) ? this.control(node, scope) : unknown(node);
    }
  }

  private assignment(node: Node, scope: RubyScope): RbValue {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return unknown(node);
    const value = this.value(right, scope);
    const line = lineOf(node);
    if (
      left.type === 'identifier' ||
      left.type === 'constant' ||
      left.type === 'instance_variable'
    ) {
      scope.set(left.text, isLiteral(value) ? value : { type: 'variable', name: left.text, line });
    }
    return { type: 'assignment', target: left.text, value, source: node.text, line };
  }

  private control(node: Node, scope: RubyScope): RbValue {
    const inner = scope.child();
    const statements: RbValue[] = [];
    const conditionNode = GUARDS.has(node.type) ? node.childForFieldName('condition') : null;
    let condition: RbValue | undefined;
    let alternative = false;
    const body: RbValue[] = [];
    for (const child of node.namedChildren) {
      if (isExtra(child)) continue;
      const values = isBody(child)
        ? this.statements(child, inner)
        : CONTROL_FLOW.has(child.type)
          ? [this.control(child, inner)]
          : [this.statement(child, inner)];
      statements.push(...values);
      if (conditionNode && sameNode(child, conditionNode)) condition = values[0];
      else if (child.type === 'else' || child.type === 'elsif') alternative = true;
      else body.push(...values);
    }
    // What a branch assigns may or may not have happened: those names are unknown from here on.
    for (const name of inner.assigned) {
      scope.set(name, { type: 'variable', name, line: lineOf(node) });
    }
    return {
      type: 'control',
      kind: node.type,
      statements,
      ...(condition && !alternative ? { guard: { condition, body } } : {}),
      source: node.text,
      line: lineOf(node),
    };
  }

  private call(node: Node, scope: RubyScope): RbValue {
    const methodNode = node.childForFieldName('method');
    const receiverNode = node.childForFieldName('receiver');
    if (!methodNode) return unknown(node);
    const receiver = receiverNode ? this.value(receiverNode, scope) : undefined;
    const method = methodNode.text;
    const { args, options, dynamic } = this.arguments(node.childForFieldName('arguments'), scope);
    const blockNode = node.childForFieldName('block');
    // `lambda { ... }` and `proc { ... }` are values, like `-> { ... }`.
    if (!receiver && blockNode && (method === 'lambda' || method === 'proc') && args.length === 0) {
      return this.lambda(node, scope);
    }
    if (receiver?.type === 'string' && args.length === 0 && !options && !blockNode) {
      const transform = Object.hasOwn(STRING_METHODS, method) ? STRING_METHODS[method] : undefined;
      if (transform)
        return { type: 'string', value: transform(receiver.value), line: receiver.line };
      if (method === 'to_sym')
        return { type: 'symbol', value: receiver.value, line: receiver.line };
    }
    // `<<~SQL.squish` of an interpolating heredoc: the same transformation of its text.
    if (receiver?.type === 'unknown' && receiver.parts && args.length === 0 && !blockNode) {
      const transform = Object.hasOwn(STRING_METHODS, method) ? STRING_METHODS[method] : undefined;
      if (transform && !options) {
        const holes = receiver.parts.filter((part) => typeof part !== 'string');
        const parts = splitMarked(transform(markParts(receiver.parts)), (i) => holes[i]!);
        return stringFromParts(parts, node.text, receiver.kind, receiver.line);
      }
    }
    // `%i[a b].freeze`: the same literal.
    if (
      (receiver?.type === 'array' || receiver?.type === 'hash') &&
      (method === 'freeze' || method === 'dup') &&
      args.length === 0 &&
      !options &&
      !blockNode
    ) {
      return receiver;
    }
    if (receiver?.type === 'symbol' && method === 'to_s' && args.length === 0 && !blockNode) {
      return { type: 'string', value: receiver.value, line: receiver.line };
    }
    const call: RbCall = {
      type: 'call',
      ...(receiver ? { receiver } : {}),
      method,
      args,
      ...(options ? { options } : {}),
      ...(dynamic ? { dynamicArguments: true } : {}),
      ...(blockNode ? { block: this.block(blockNode, scope) } : {}),
      source: node.text,
      line: lineOf(node),
    };
    return call;
  }

  private arguments(
    list: Node | null,
    scope: RubyScope,
  ): { args: RbValue[]; options?: RbHash; dynamic: boolean } {
    const args: RbValue[] = [];
    const entries: RbHashEntry[] = [];
    let dynamic = false;
    for (const child of list?.namedChildren ?? []) {
      if (isExtra(child)) continue;
      if (child.type === 'pair') {
        const entry = this.pair(child, scope);
        if (entry) entries.push(entry);
        else dynamic = true;
      } else if (
        child.type === 'splat_argument' ||
        child.type === 'hash_splat_argument' ||
        child.type === 'block_argument' ||
        child.type === 'forward_argument'
      ) {
        dynamic = true;
      } else {
        args.push(this.value(child, scope));
      }
    }
    // Ruby 2 style: a braced hash last stands for the keyword arguments.
    const last = args.at(-1);
    if (entries.length === 0 && last?.type === 'hash') {
      args.pop();
      return { args, options: last, dynamic };
    }
    const options: RbHash | undefined =
      entries.length > 0 ? { type: 'hash', entries, line: entries[0]!.key.line } : undefined;
    return { args, ...(options ? { options } : {}), dynamic };
  }

  private block(node: Node, scope: RubyScope): RbBlock {
    const inner = scope.child();
    const params = blockParameters(node.childForFieldName('parameters'));
    for (const name of params) inner.set(name, { type: 'variable', name, line: lineOf(node) });
    const body =
      node.childForFieldName('body') ??
      node.namedChildren.find(
        (child) => child.type === 'block_body' || child.type === 'body_statement',
      );
    return { params, body: this.statements(body, inner), line: lineOf(node) };
  }

  private lambda(node: Node, scope: RubyScope): RbValue {
    const blockNode =
      node.type === 'lambda' ? node.childForFieldName('body') : node.childForFieldName('block');
    const body = blockNode ? this.block(blockNode, scope).body : [];
    return { type: 'lambda', body, source: node.text, line: lineOf(node) };
  }

  private array(node: Node, scope: RubyScope): RbValue {
    const items: RbValue[] = [];
    for (const child of node.namedChildren) {
      if (isExtra(child)) continue;
      if (child.type === 'splat_argument') return unknown(node);
      if (child.type === 'pair') {
        // `[a: 1]` is an array holding one hash.
        const entry = this.pair(child, scope);
        if (!entry) return unknown(node);
        items.push({ type: 'hash', entries: [entry], line: lineOf(child) });
        continue;
      }
      items.push(this.value(child, scope));
    }
    return { type: 'array', items, line: lineOf(node) };
  }

  /** `%w[a b]` and `%i[a b]`: their words, which may not interpolate to be known. */
  private wordArray(node: Node): RbValue {
    const symbols = node.type === 'symbol_array';
    const items: RbValue[] = [];
    for (const child of node.namedChildren) {
      if (isExtra(child)) continue;
      if (child.namedChildren.some((part) => part.type === 'interpolation')) return unknown(node);
      const value = child.text;
      items.push({ type: symbols ? 'symbol' : 'string', value, line: lineOf(child) });
    }
    return { type: 'array', items, line: lineOf(node) };
  }

  private hash(node: Node, scope: RubyScope): RbHash | undefined {
    const entries: RbHashEntry[] = [];
    for (const child of node.namedChildren) {
      if (isExtra(child)) continue;
      if (child.type !== 'pair') return undefined; // `**other`
      const entry = this.pair(child, scope);
      if (!entry) return undefined;
      entries.push(entry);
    }
    return { type: 'hash', entries, line: lineOf(node) };
  }

  private pair(node: Node, scope: RubyScope): RbHashEntry | undefined {
    const keyNode = node.childForFieldName('key');
    if (!keyNode) return undefined;
    const valueNode = node.childForFieldName('value');
    const arrow = node.children.some((child) => child.type === '=>');
    let key = this.value(keyNode, scope);
    // `"name": 1` is a symbol key, like `name: 1`; `"name" => 1` is a string key.
    if (!arrow && key.type === 'string') key = { type: 'symbol', value: key.value, line: key.line };
    if (valueNode) return { key, value: this.value(valueNode, scope) };
    // Ruby 3.1 shorthand `{name:}`: the value is the local variable (or method) of that name.
    if (key.type !== 'symbol') return undefined;
    const value = scope.get(key.value) ?? {
      type: 'call',
      method: key.value,
      args: [],
      source: key.value,
      line: key.line,
    };
    return { key, value };
  }

  private unary(node: Node, scope: RubyScope): RbValue {
    const operand = node.childForFieldName('operand');
    const operator = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
    if (!operand) return unknown(node);
    const value = this.value(operand, scope);
    if ((value.type === 'integer' || value.type === 'float') && operator === '-') {
      return value.type === 'float'
        ? { ...value, value: -value.value, text: `-${value.text}`, line: lineOf(node) }
        : { ...value, value: -value.value, line: lineOf(node) };
    }
    if ((value.type === 'integer' || value.type === 'float') && operator === '+') return value;
    return unknown(node);
  }

  private binary(node: Node, scope: RubyScope): RbValue {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.text;
    if (!left || !right || operator !== '+') return unknown(node);
    const a = this.value(left, scope);
    const b = this.value(right, scope);
    // `"CREATE INDEX ..." + "WHERE ..."` is still a plain string.
    if (a.type === 'string' && b.type === 'string') {
      return { type: 'string', value: a.value + b.value, line: lineOf(node) };
    }
    // `"UPDATE t SET a = '" + value + "'"`: a string built at run time.
    const [partsA, partsB] = [stringPartsOf(a), stringPartsOf(b)];
    if (partsA || partsB) {
      const hole = (value: RbValue, side: Node): RbStringPart[] => [{ source: side.text, value }];
      return stringFromParts(
        [...(partsA ?? hole(a, left)), ...(partsB ?? hole(b, right))],
        node.text,
        'binary',
        lineOf(node),
      );
    }
    return unknown(node);
  }

  /**
   * A string literal or adjacent literals (`"a" "b"`). Interpolation of a literal (a constant
   * bound to one) is its text; of anything else, the string is built at run time: an unknown
   * value with its parts.
   */
  private string(node: Node, scope: RubyScope): RbValue | undefined {
    const parts: RbStringPart[] = [];
    if (node.type === 'chained_string') {
      for (const part of node.namedChildren) {
        if (isExtra(part)) continue;
        const value = this.string(part, scope);
        const inner = value && stringPartsOf(value);
        if (!inner) return undefined;
        parts.push(...inner);
      }
    } else {
      const opening = node.child(0)?.text ?? '"';
      let raw = '';
      const flush = () => {
        if (raw !== '') parts.push(decodeQuoted(raw, opening));
        raw = '';
      };
      for (const part of node.namedChildren) {
        if (part.type === 'interpolation') {
          flush();
          parts.push(this.hole(part, scope));
        } else if (part.type === 'string_content' || part.type === 'escape_sequence') {
          raw += part.text;
        }
      }
      flush();
    }
    return stringFromParts(parts, node.text, 'string', lineOf(node));
  }

  /** An interpolation (`#{x}`): the text of a literal, else the expression. */
  private hole(node: Node, scope: RubyScope): RbStringPart {
    const inner = node.namedChildren.filter((child) => !isExtra(child));
    const source = inner.map((child) => child.text).join('; ');
    if (inner.length !== 1) return { source };
    const value = this.value(inner[0]!, scope);
    return interpolatedText(value) ?? { source, value };
  }

  /** The text between a string's delimiters, with escapes read as its quoting says. */
  private stringParts(node: Node, opening: string): string | undefined {
    let raw = '';
    for (const part of node.namedChildren) {
      if (part.type === 'interpolation') return undefined;
      if (part.type === 'string_content' || part.type === 'escape_sequence') raw += part.text;
    }
    return decodeQuoted(raw, opening);
  }

  /**
   * Heredoc bodies follow the line that opens them, in the order of their openers: pairing the
   * n-th opener with the n-th body gives each `<<~SQL` its text.
   */
  private pairHeredocs(root: Node): void {
    const openers: Node[] = [];
    const bodies: Node[] = [];
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'heredoc_beginning') openers.push(node);
      else if (node.type === 'heredoc_body') bodies.push(node);
      const children = node.namedChildren;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    openers.sort((a, b) => a.startIndex - b.startIndex);
    bodies.sort((a, b) => a.startIndex - b.startIndex);
    openers.forEach((opener, i) => {
      const body = bodies[i];
      const heredoc = body ? heredocText(opener.text, body) : undefined;
      if (heredoc !== undefined) this.heredocs.set(opener.startIndex, heredoc);
    });
  }
}

/** A heredoc's text; each interpolation is a marker (see markParts) numbering its node. */
interface Heredoc {
  readonly text: string;
  readonly holes: readonly Node[];
}

function heredocText(opener: string, body: Node): Heredoc | undefined {
  const end = body.namedChildren.find((child) => child.type === 'heredoc_end');
  if (!end) return undefined;
  const marker = opener.replace(/^<<[~-]?/, '');
  if (marker.startsWith('`')) return undefined; // a shell command, not a string
  const holes = marker.startsWith("'")
    ? []
    : body.namedChildren.filter((child) => child.type === 'interpolation');
  let raw = '';
  let at = body.startIndex;
  holes.forEach((hole, i) => {
    raw += body.text.slice(at - body.startIndex, hole.startIndex - body.startIndex) + holeMarker(i);
    at = hole.endIndex;
  });
  raw += body.text.slice(at - body.startIndex, end.startIndex - body.startIndex);
  const text = heredocBody(opener, marker, raw);
  return { text, holes };
}

function heredocBody(opener: string, marker: string, raw: string): string {
  // The body starts where the opener's line ends; the end marker's own indentation is not text.
  const start = raw.indexOf('\n');
  let text = start < 0 ? '' : raw.slice(start + 1);
  text = text.slice(0, text.lastIndexOf('\n') + 1);
  if (opener.startsWith('<<~')) text = dedent(text);
  return marker.startsWith("'") ? text : decodeDoubleQuoted(text);
}

/** Stands for the i-th expression of a string built at run time while its text is worked on. */
function holeMarker(i: number): string {
  return `\u0000${i}\u0000`;
}

/** The parts of a string built at run time as one text, each expression a marker. */
function markParts(parts: readonly RbStringPart[]): string {
  let i = 0;
  return parts.map((part) => (typeof part === 'string' ? part : holeMarker(i++))).join('');
}

/** A marked text back into parts; `hole(i)` gives the i-th expression. */
function splitMarked(text: string, hole: (i: number) => RbStringPart): RbStringPart[] {
  return text
    .split('\u0000')
    .map((piece, index) => (index % 2 === 0 ? piece : hole(Number(piece))));
}

/** The parts of a string (one literal part) or of a string built at run time. */
function stringPartsOf(value: RbValue): readonly RbStringPart[] | undefined {
  if (value.type === 'string') return [value.value];
  return value.type === 'unknown' ? value.parts : undefined;
}

function decodeQuoted(raw: string, opening: string): string {
  return isSingleQuoted(opening)
    ? decodeSingleQuoted(raw, closingOf(opening))
    : decodeDoubleQuoted(raw);
}

/** Removes the indentation common to every line that has text (`<<~` heredocs, strip_heredoc). */
function dedent(text: string): string {
  const lines = text.split('\n');
  let common: number | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.length - line.replace(/^[ \t]+/, '').length;
    common = common === undefined ? indent : Math.min(common, indent);
  }
  if (!common) return text;
  return lines
    .map((line) => {
      const indent = line.length - line.replace(/^[ \t]+/, '').length;
      return line.slice(Math.min(common, indent));
    })
    .join('\n');
}

function isSingleQuoted(opening: string): boolean {
  return opening === "'" || opening.startsWith('%q') || opening === ":'";
}

function closingOf(opening: string): string {
  const last = opening.at(-1) ?? "'";
  return ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[last] ?? last;
}

/** Single quotes know two escapes: a backslash and the closing delimiter. */
function decodeSingleQuoted(raw: string, closing: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    const next = raw[i + 1];
    if (char === '\\' && (next === '\\' || next === closing || next === "'")) {
      out += next;
      i++;
    } else {
      out += char;
    }
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  s: ' ',
  e: '\x1b',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

/** Double-quoted escapes, read character by character. An unknown escape is its character. */
function decodeDoubleQuoted(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const char = raw[i]!;
    if (char !== '\\' || i + 1 >= raw.length) {
      out += char;
      i += 1;
      continue;
    }
    const next = raw[i + 1]!;
    if (next === '\n') {
      i += 2; // line continuation
    } else if (next === 'u' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i + 3);
      const codes =
        close < 0
          ? []
          : raw
              .slice(i + 3, close)
              .trim()
              .split(/\s+/);
      const points = codes.map((code) => (isHex(code) ? parseInt(code, 16) : NaN));
      if (close < 0 || points.some((p) => Number.isNaN(p) || p > 0x10ffff)) {
        out += next;
        i += 2;
      } else {
        out += String.fromCodePoint(...points);
        i = close + 1;
      }
    } else if (next === 'u' || next === 'x') {
      const width = next === 'u' ? 4 : 2;
      let hex = '';
      let j = i + 2;
      while (j < raw.length && hex.length < width && isHex(raw[j]!)) hex += raw[j++];
      if (hex.length === 0 || (next === 'u' && hex.length < 4)) {
        out += next;
        i += 2;
      } else {
        out += String.fromCodePoint(parseInt(hex, 16));
        i = j;
      }
    } else if (next >= '0' && next <= '7') {
      let digits = '';
      let j = i + 1;
      while (j < raw.length && digits.length < 3 && raw[j]! >= '0' && raw[j]! <= '7') {
        digits += raw[j++];
      }
      out += String.fromCharCode(parseInt(digits, 8));
      i = j;
    } else if (Object.hasOwn(SIMPLE_ESCAPES, next)) {
      out += SIMPLE_ESCAPES[next];
      i += 2;
    } else {
      out += next;
      i += 2;
    }
  }
  return out;
}

function isHex(text: string): boolean {
  if (text.length === 0) return false;
  for (const char of text.toLowerCase()) {
    if (!((char >= '0' && char <= '9') || (char >= 'a' && char <= 'f'))) return false;
  }
  return true;
}

/** Ruby integer literals: `1_000`, `0x1F`, `0b101`, `0o17`, `017` (octal), `0d99`. */
function integerValue(text: string): number | undefined {
  const digits = text.replaceAll('_', '').toLowerCase();
  const prefixed = /^0([xbod])(.+)$/.exec(digits);
  let value: number;
  if (prefixed) {
    const radix = { x: 16, b: 2, o: 8, d: 10 }[prefixed[1] as 'x' | 'b' | 'o' | 'd'];
    value = parseInt(prefixed[2]!, radix);
  } else if (digits.length > 1 && digits.startsWith('0')) {
    value = parseInt(digits.slice(1), 8);
  } else {
    value = Number(digits);
  }
  return Number.isNaN(value) ? undefined : value;
}

function blockParameters(node: Node | null): string[] {
  if (!node) return [];
  const names: string[] = [];
  for (const child of node.namedChildren) {
    if (child.type === 'identifier') names.push(child.text);
    else {
      const name = child.childForFieldName('name');
      if (name) names.push(name.text);
    }
  }
  return names;
}

function bareCall(node: Node): RbCall {
  return { type: 'call', method: node.text, args: [], source: node.text, line: lineOf(node) };
}

function isLiteral(value: RbValue): boolean {
  switch (value.type) {
    case 'string':
    case 'symbol':
    case 'integer':
    case 'float':
    case 'boolean':
    case 'nil':
    case 'array':
    case 'hash':
      return true;
    default:
      return false;
  }
}

function isExtra(node: Node): boolean {
  return (
    node.type === 'comment' ||
    node.type === 'heredoc_body' ||
    node.type === 'empty_statement' ||
    node.type === 'uninterpreted'
  );
}

function isBody(node: Node): boolean {
  return (
    node.type === 'then' ||
    node.type === 'else' ||
    node.type === 'do' ||
    node.type === 'body_statement' ||
    node.type === 'block_body' ||
    node.type === 'ensure'
  );
}

function sameNode(a: Node, b: Node): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

function unknown(node: Node): RbValue {
  return { type: 'unknown', kind: node.type, source: node.text, line: lineOf(node) };
}
