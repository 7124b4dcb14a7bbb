/**
 * A Ruby expression or statement as a typed value tree: what a migration file says, copied out of
 * the syntax tree, never evaluated. Literals keep their value; calls keep their receiver,
 * arguments and block; everything else keeps its source text. Every node keeps its 1-based line.
 */
export type RbValue =
  | RbString
  | RbSymbol
  | RbInteger
  | RbFloat
  | RbBoolean
  | RbNil
  | RbArray
  | RbHash
  | RbConstant
  | RbVariable
  | RbLambda
  | RbCall
  | RbAssignment
  | RbControl
  | RbUnknown;

export interface RbString {
  readonly type: 'string';
  readonly value: string;
  readonly line: number;
}
export interface RbSymbol {
  readonly type: 'symbol';
  readonly value: string;
  readonly line: number;
}
export interface RbInteger {
  readonly type: 'integer';
  readonly value: number;
  readonly line: number;
}
export interface RbFloat {
  readonly type: 'float';
  readonly value: number;
  /** As written (`7.1`), since a migration version must not become `7.1000001`. */
  readonly text: string;
  readonly line: number;
}
export interface RbBoolean {
  readonly type: 'boolean';
  readonly value: boolean;
  readonly line: number;
}
export interface RbNil {
  readonly type: 'nil';
  readonly line: number;
}
export interface RbArray {
  readonly type: 'array';
  readonly items: readonly RbValue[];
  readonly line: number;
}
export interface RbHashEntry {
  readonly key: RbValue;
  readonly value: RbValue;
}
export interface RbHash {
  readonly type: 'hash';
  readonly entries: readonly RbHashEntry[];
  readonly line: number;
}
/** `User`, `ActiveRecord::Base`: a constant not bound to a literal in the file. */
export interface RbConstant {
  readonly type: 'constant';
  readonly name: string;
  readonly line: number;
}
/** A local variable or block parameter whose value is not a known literal (`t`, `dir`, `self`). */
export interface RbVariable {
  readonly type: 'variable';
  readonly name: string;
  readonly line: number;
}
/** `-> { "now()" }`, `lambda { ... }`, `proc { ... }`: the body is read, not run. */
export interface RbLambda {
  readonly type: 'lambda';
  readonly body: readonly RbValue[];
  readonly source: string;
  readonly line: number;
}
export interface RbBlock {
  readonly params: readonly string[];
  readonly body: readonly RbValue[];
  readonly line: number;
}
/** A method call: `add_column :users, :name, :string, null: false`, `t.string :name`, `User.all`. */
export interface RbCall {
  readonly type: 'call';
  readonly receiver?: RbValue;
  readonly method: string;
  /** Positional arguments. */
  readonly args: readonly RbValue[];
  /** Trailing keyword arguments (`null: false`), as Ruby collects them into one hash. */
  readonly options?: RbHash;
  /** A `*splat`, `**splat` or `&block` argument: the arguments are not all known. */
  readonly dynamicArguments?: boolean;
  readonly block?: RbBlock;
  readonly source: string;
  readonly line: number;
}
export interface RbAssignment {
  readonly type: 'assignment';
  readonly target: string;
  readonly value: RbValue;
  readonly source: string;
  readonly line: number;
}
/**
 * Control flow (`if`, `unless`, `while`, `case`, `begin/rescue`, modifiers, ternaries): whether
 * its statements run is not known statically. The statements inside are kept for inspection.
 */
export interface RbControl {
  readonly type: 'control';
  /** The grammar's node kind, e.g. `if`, `unless_modifier`, `while`. */
  readonly kind: string;
  readonly statements: readonly RbValue[];
  /**
   * `if` / `unless` (block or modifier) without `else` or `elsif`: its condition and the
   * statements it guards (`kind` says which polarity).
   */
  readonly guard?: { readonly condition: RbValue; readonly body: readonly RbValue[] };
  readonly source: string;
  readonly line: number;
}
/** Anything else: interpolated strings, method definitions, operators on non-literals, ... */
export interface RbUnknown {
  readonly type: 'unknown';
  readonly kind: string;
  readonly source: string;
  readonly line: number;
  /**
   * A string built at run time (`"a#{x}b"`, an interpolating heredoc, `"a" + x`): its literal
   * text, and between, each expression whose value is not known.
   */
  readonly parts?: readonly RbStringPart[];
}

/** Literal text, or an expression of a string built at run time (`x` of `#{x}`). */
export type RbStringPart = string | RbStringHole;
export interface RbStringHole {
  /** The expression as written. */
  readonly source: string;
  /** The expression read, when it is one expression. */
  readonly value?: RbValue;
}

/**
 * A string built from parts: a plain string when every part is literal text, else an unknown
 * value keeping the parts (adjacent texts merged).
 */
export function stringFromParts(
  parts: readonly RbStringPart[],
  source: string,
  kind: string,
  line: number,
): RbString | RbUnknown {
  const merged: RbStringPart[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (typeof part === 'string' && typeof last === 'string')
      merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  if (merged.every((part) => typeof part === 'string')) {
    return { type: 'string', value: merged.join(''), line };
  }
  return { type: 'unknown', kind, source, line, parts: merged };
}

/** The text of a literal put in a string by interpolation (`"#{:a}"` is `a`), if known. */
export function interpolatedText(value: RbValue | undefined): string | undefined {
  switch (value?.type) {
    case 'string':
    case 'symbol':
      return value.value;
    case 'integer':
      return String(value.value);
    case 'float':
      return value.text;
    case 'nil':
      return '';
    case 'boolean':
      return String(value.value);
    default:
      return undefined;
  }
}

export function isCall(value: RbValue | undefined): value is RbCall {
  return value?.type === 'call';
}

/** A symbol or string as text: the way Rails accepts table and column names. */
export function asName(value: RbValue | undefined): string | undefined {
  return value?.type === 'symbol' || value?.type === 'string' ? value.value : undefined;
}

export function asString(value: RbValue | undefined): string | undefined {
  return value?.type === 'string' ? value.value : undefined;
}

export function asNumber(value: RbValue | undefined): number | undefined {
  return value?.type === 'integer' || value?.type === 'float' ? value.value : undefined;
}

export function asBoolean(value: RbValue | undefined): boolean | undefined {
  return value?.type === 'boolean' ? value.value : undefined;
}

/** Names of a symbol, a string or an array of them; undefined for anything else. */
export function asNames(value: RbValue | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  if (value.type !== 'array') {
    const name = asName(value);
    return name === undefined ? undefined : [name];
  }
  const names = value.items.map(asName);
  return names.every((name): name is string => name !== undefined) ? names : undefined;
}

/** Ruby truthiness: only `false` and `nil` are falsy; undefined when not a literal. */
export function truthy(value: RbValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  switch (value.type) {
    case 'boolean':
      return value.value;
    case 'nil':
      return false;
    case 'string':
    case 'symbol':
    case 'integer':
    case 'float':
    case 'array':
    case 'hash':
    case 'lambda':
      return true;
    default:
      return undefined;
  }
}

/** The value under a symbol (or string) key of a hash literal. */
export function hashGet(hash: RbValue | undefined, key: string): RbValue | undefined {
  if (hash?.type !== 'hash') return undefined;
  for (let i = hash.entries.length - 1; i >= 0; i--) {
    const entry = hash.entries[i]!;
    if (asName(entry.key) === key) return entry.value;
  }
  return undefined;
}

export function hashHas(hash: RbValue | undefined, key: string): boolean {
  return hash?.type === 'hash' && hash.entries.some((entry) => asName(entry.key) === key);
}

/** A keyword argument of a call (`null:` in `add_column ..., null: false`). */
export function option(call: RbCall, key: string): RbValue | undefined {
  return hashGet(call.options, key);
}

export function hasOption(call: RbCall, key: string): boolean {
  return hashHas(call.options, key);
}

/**
 * Every call reachable from a value: in arguments, receivers, blocks, lambdas and control flow.
 * Used to tell whether a construct that cannot be followed statically hides schema work.
 */
export function nestedCalls(value: RbValue): RbCall[] {
  const calls: RbCall[] = [];
  const visit = (node: RbValue): void => {
    switch (node.type) {
      case 'call':
        calls.push(node);
        if (node.receiver) visit(node.receiver);
        node.args.forEach(visit);
        if (node.options) visit(node.options);
        node.block?.body.forEach(visit);
        return;
      case 'array':
        node.items.forEach(visit);
        return;
      case 'hash':
        node.entries.forEach((entry) => {
          visit(entry.key);
          visit(entry.value);
        });
        return;
      case 'lambda':
        node.body.forEach(visit);
        return;
      case 'assignment':
        visit(node.value);
        return;
      case 'control':
        node.statements.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(value);
  return calls;
}

/** The receiver at the root of a call chain: `User` in `User.where(a: 1).update_all(...)`. */
export function chainRoot(call: RbCall): RbValue | undefined {
  let current: RbValue | undefined = call.receiver;
  while (current?.type === 'call' && current.receiver) current = current.receiver;
  return current;
}

/** Renders a literal back as Ruby source, for reasons and descriptions. */
export function toRubySource(value: RbValue): string {
  switch (value.type) {
    case 'string':
      return JSON.stringify(value.value);
    case 'symbol':
      return /^[A-Za-z_][A-Za-z0-9_]*[?!=]?$/.test(value.value)
        ? `:${value.value}`
        : `:${JSON.stringify(value.value)}`;
    case 'integer':
      return String(value.value);
    case 'float':
      return value.text;
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'nil':
      return 'nil';
    case 'array':
      return `[${value.items.map(toRubySource).join(', ')}]`;
    case 'hash':
      return `{${value.entries.map((e) => `${toRubySource(e.key)} => ${toRubySource(e.value)}`).join(', ')}}`;
    case 'constant':
    case 'variable':
      return value.name;
    case 'lambda':
    case 'call':
    case 'assignment':
    case 'control':
    case 'unknown':
      return value.source;
  }
}

/** One line of at most 80 characters, for messages that quote code. */
export function excerpt(text: string, limit = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > limit ? `${oneLine.slice(0, limit)}…` : oneLine;
}
