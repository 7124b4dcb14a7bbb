import type { Node } from 'web-tree-sitter';
import type { PyCall, PyValue } from './python-value';

/** Module-level names bound to literals (`SQL = "..."`), so `RunSQL(SQL)` can be read. */
export type PythonScope = ReadonlyMap<string, PyValue>;

const NO_SCOPE: PythonScope = new Map();

/**
 * Turns the syntax tree of a Python expression into a typed value tree. Pure: nothing is imported
 * or evaluated; what is not a literal comes back as `unknown` with its source text.
 */
export function evaluateLiteral(node: Node, scope: PythonScope = NO_SCOPE): PyValue {
  const line = node.startPosition.row + 1;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
      return readString(node) ?? unknown(node);
    case 'integer':
      return readInteger(node);
    case 'float': {
      const value = Number(node.text.replaceAll('_', ''));
      return Number.isNaN(value) ? unknown(node) : { type: 'float', value, line };
    }
    case 'true':
      return { type: 'bool', value: true, line };
    case 'false':
      return { type: 'bool', value: false, line };
    case 'none':
      return { type: 'none', line };
    case 'list':
    case 'tuple':
    case 'set':
      return {
        type: node.type,
        items: expressions(node).map((item) => evaluateLiteral(item, scope)),
        line,
      };
    case 'expression_list':
      return {
        type: 'tuple',
        items: expressions(node).map((item) => evaluateLiteral(item, scope)),
        line,
      };
    case 'dictionary':
      return readDictionary(node, scope);
    case 'parenthesized_expression': {
      const inner = expressions(node)[0];
      return inner ? evaluateLiteral(inner, scope) : unknown(node);
    }
    case 'identifier':
      return scope.get(node.text) ?? { type: 'name', name: node.text, line };
    case 'attribute': {
      const name = dottedName(node);
      return name ? { type: 'name', name, line } : unknown(node);
    }
    case 'call':
      return readCall(node, scope);
    case 'unary_operator':
      return readUnary(node, scope);
    case 'not_operator': {
      const argument = node.childForFieldName('argument');
      return argument
        ? { type: 'operator', operator: 'not', operands: [evaluateLiteral(argument, scope)], line }
        : unknown(node);
    }
    case 'binary_operator':
    case 'boolean_operator':
      return readBinary(node, scope);
    default:
      return unknown(node);
  }
}

/** `models.CharField` for an attribute chain over plain identifiers; undefined otherwise. */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  if (!object || !attribute) return undefined;
  const base = dottedName(object);
  return base === undefined ? undefined : `${base}.${attribute.text}`;
}

/** Named children that are expressions: comments are extras and carry no value. */
export function expressions(node: Node): Node[] {
  return node.namedChildren.filter((child) => child.type !== 'comment');
}

function unknown(node: Node): PyValue {
  return { type: 'unknown', kind: node.type, source: node.text, line: node.startPosition.row + 1 };
}

function readInteger(node: Node): PyValue {
  const text = node.text.replaceAll('_', '');
  const line = node.startPosition.row + 1;
  // Complex literals (`2j`) and Python 2 longs (`2L`) are not integers we can use.
  const last = text.at(-1)?.toLowerCase();
  if (last === 'j') return unknown(node);
  const digits = last === 'l' ? text.slice(0, -1) : text;
  const value = Number(digits);
  return Number.isNaN(value) ? unknown(node) : { type: 'int', value, line };
}

function readDictionary(node: Node, scope: PythonScope): PyValue {
  const entries: { key: PyValue; value: PyValue }[] = [];
  for (const child of expressions(node)) {
    if (child.type !== 'pair') return unknown(node); // `**other` or a comprehension
    const key = child.childForFieldName('key');
    const value = child.childForFieldName('value');
    if (!key || !value) return unknown(node);
    entries.push({ key: evaluateLiteral(key, scope), value: evaluateLiteral(value, scope) });
  }
  return { type: 'dict', entries, line: node.startPosition.row + 1 };
}

function readCall(node: Node, scope: PythonScope): PyValue {
  const functionNode = node.childForFieldName('function');
  const argumentsNode = node.childForFieldName('arguments');
  const callee = functionNode ? dottedName(functionNode) : undefined;
  if (!callee || !argumentsNode || argumentsNode.type !== 'argument_list') return unknown(node);
  const args: PyValue[] = [];
  const kwargs: Record<string, PyValue> = {};
  const unpacked: PyValue[] = [];
  for (const argument of expressions(argumentsNode)) {
    if (argument.type === 'keyword_argument') {
      const name = argument.childForFieldName('name');
      const value = argument.childForFieldName('value');
      if (!name || !value) return unknown(node);
      kwargs[name.text] = evaluateLiteral(value, scope);
    } else if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') {
      const inner = expressions(argument)[0];
      unpacked.push(inner ? evaluateLiteral(inner, scope) : unknown(argument));
    } else {
      args.push(evaluateLiteral(argument, scope));
    }
  }
  const call: PyCall = {
    type: 'call',
    callee,
    args,
    kwargs,
    ...(unpacked.length > 0 ? { unpacked } : {}),
    line: node.startPosition.row + 1,
  };
  return call;
}

function readUnary(node: Node, scope: PythonScope): PyValue {
  const operator = node.childForFieldName('operator')?.text ?? node.child(0)?.text ?? '';
  const argument = node.childForFieldName('argument');
  if (!argument) return unknown(node);
  const operand = evaluateLiteral(argument, scope);
  const line = node.startPosition.row + 1;
  if (
    (operand.type === 'int' || operand.type === 'float') &&
    (operator === '-' || operator === '+')
  ) {
    return { ...operand, value: operator === '-' ? -operand.value : operand.value, line };
  }
  return { type: 'operator', operator, operands: [operand], line };
}

function readBinary(node: Node, scope: PythonScope): PyValue {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const operator = node.childForFieldName('operator')?.text;
  if (!left || !right || !operator) return unknown(node);
  const a = evaluateLiteral(left, scope);
  const b = evaluateLiteral(right, scope);
  const line = node.startPosition.row + 1;
  // `"CREATE INDEX ..." + "WHERE ..."` is common in RunSQL and is still a plain string.
  if (operator === '+' && a.type === 'str' && b.type === 'str') {
    return { type: 'str', value: a.value + b.value, line };
  }
  return { type: 'operator', operator, operands: [a, b], line };
}

/** A string or implicit concatenation; undefined when an f-string interpolates. */
function readString(node: Node): PyValue | undefined {
  const parts = node.type === 'concatenated_string' ? expressions(node) : [node];
  let value = '';
  let bytes = false;
  for (const part of parts) {
    const decoded = decodeStringPart(part);
    if (!decoded) return undefined;
    value += decoded.value;
    bytes ||= decoded.bytes;
  }
  return { type: bytes ? 'bytes' : 'str', value, line: node.startPosition.row + 1 };
}

function decodeStringPart(node: Node): { value: string; bytes: boolean } | undefined {
  if (node.type !== 'string') return undefined;
  if (node.namedChildren.some((child) => child.type === 'interpolation')) return undefined;
  const start = node.namedChildren.find((child) => child.type === 'string_start');
  const end = node.namedChildren.find((child) => child.type === 'string_end');
  if (!start || !end) return undefined;
  const opening = start.text;
  const prefix = opening.slice(0, prefixLength(opening)).toLowerCase();
  const raw = node.text.slice(opening.length, node.text.length - end.text.length);
  const bytes = prefix.includes('b');
  return { value: prefix.includes('r') ? raw : decodeEscapes(raw, bytes), bytes };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python's escape sequences, read character by character. Unknown escapes stay as written. */
function decodeEscapes(raw: string, bytes: boolean): string {
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
    } else if (Object.hasOwn(SIMPLE_ESCAPES, next)) {
      out += SIMPLE_ESCAPES[next];
      i += 2;
    } else if (next >= '0' && next <= '7') {
      let digits = '';
      let j = i + 1;
      while (j < raw.length && digits.length < 3 && raw[j]! >= '0' && raw[j]! <= '7')
        digits += raw[j++];
      out += String.fromCharCode(parseInt(digits, 8));
      i = j;
    } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = raw.slice(i + 2, i + 2 + width);
      const code = hex.length === width && isHex(hex) ? parseInt(hex, 16) : NaN;
      if (Number.isNaN(code) || code > 0x10ffff) {
        out += char;
        i += 1;
      } else {
        out += String.fromCodePoint(code);
        i += 2 + width;
      }
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** The letters before the opening quote: `rb'` → 2. */
function prefixLength(opening: string): number {
  let length = 0;
  while (length < opening.length && opening[length] !== "'" && opening[length] !== '"') length++;
  return length;
}

function isHex(text: string): boolean {
  for (const char of text.toLowerCase()) {
    if (!((char >= '0' && char <= '9') || (char >= 'a' && char <= 'f'))) return false;
  }
  return true;
}
