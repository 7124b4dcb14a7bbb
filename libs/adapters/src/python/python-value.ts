/**
 * A Python literal as a typed value tree: what a migration file says, copied out of the syntax
 * tree, never evaluated. Every node keeps the 1-based line where it starts.
 */
export type PyValue =
  | PyStr
  | PyBytes
  | PyInt
  | PyFloat
  | PyBool
  | PyNone
  | PySequence
  | PyDict
  | PyName
  | PyCall
  | PyOperator
  | PyUnknown;

export interface PyStr {
  readonly type: 'str';
  readonly value: string;
  readonly line: number;
}
export interface PyBytes {
  readonly type: 'bytes';
  /** One character per byte (latin-1), as the literal spells them. */
  readonly value: string;
  readonly line: number;
}
export interface PyInt {
  readonly type: 'int';
  readonly value: number;
  readonly line: number;
}
export interface PyFloat {
  readonly type: 'float';
  readonly value: number;
  readonly line: number;
}
export interface PyBool {
  readonly type: 'bool';
  readonly value: boolean;
  readonly line: number;
}
export interface PyNone {
  readonly type: 'none';
  readonly line: number;
}
export interface PySequence {
  readonly type: 'list' | 'tuple' | 'set';
  readonly items: readonly PyValue[];
  readonly line: number;
}
export interface PyDict {
  readonly type: 'dict';
  readonly entries: readonly { readonly key: PyValue; readonly value: PyValue }[];
  readonly line: number;
}
/** A bare or dotted name: `forwards`, `models.CASCADE`, `settings.AUTH_USER_MODEL`. */
export interface PyName {
  readonly type: 'name';
  readonly name: string;
  readonly line: number;
}
/** A call of a (dotted) name: `models.CharField(max_length=120)`. */
export interface PyCall {
  readonly type: 'call';
  readonly callee: string;
  readonly args: readonly PyValue[];
  readonly kwargs: Readonly<Record<string, PyValue>>;
  /** `*args` / `**kwargs` whose content is not known statically. */
  readonly unpacked?: readonly PyValue[];
  readonly line: number;
}
/** An operator applied to values: `Q(a=1) | Q(b=2)`, `~Q(...)`, `not x`, `F('a') + 1`. */
export interface PyOperator {
  readonly type: 'operator';
  readonly operator: string;
  readonly operands: readonly PyValue[];
  readonly line: number;
}
/** Anything that is not a literal (lambda, f-string, comprehension, subscript, ...). */
export interface PyUnknown {
  readonly type: 'unknown';
  /** The node kind in the grammar, e.g. `lambda`. */
  readonly kind: string;
  readonly source: string;
  readonly line: number;
}

export function isCall(value: PyValue | undefined): value is PyCall {
  return value?.type === 'call';
}

/** The last segment of a dotted callee or name: `models.CharField` → `CharField`. */
export function lastSegment(dotted: string): string {
  const dot = dotted.lastIndexOf('.');
  return dot < 0 ? dotted : dotted.slice(dot + 1);
}

export function kwarg(call: PyCall, name: string): PyValue | undefined {
  return Object.hasOwn(call.kwargs, name) ? call.kwargs[name] : undefined;
}

/**
 * Binds a call's arguments to a signature (positional first, then keywords), like Python would.
 * Parameters not given are absent from the result.
 */
export function bindArguments(
  call: PyCall,
  parameters: readonly string[],
): Partial<Record<string, PyValue>> {
  const bound: Partial<Record<string, PyValue>> = {};
  call.args.forEach((arg, i) => {
    const parameter = parameters[i];
    if (parameter !== undefined) bound[parameter] = arg;
  });
  for (const [name, value] of Object.entries(call.kwargs)) bound[name] = value;
  return bound;
}

export function asString(value: PyValue | undefined): string | undefined {
  return value?.type === 'str' ? value.value : undefined;
}

export function asNumber(value: PyValue | undefined): number | undefined {
  return value?.type === 'int' || value?.type === 'float' ? value.value : undefined;
}

export function asBoolean(value: PyValue | undefined): boolean | undefined {
  return value?.type === 'bool' ? value.value : undefined;
}

/** Truthiness of a literal, as Python would see it; undefined when it cannot be known. */
export function truthy(value: PyValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  switch (value.type) {
    case 'bool':
      return value.value;
    case 'none':
      return false;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    default:
      return undefined;
  }
}

/**
 * The items of a list, tuple or set literal, also spelt as `set()`, `list([...])`, `tuple(...)`,
 * `frozenset(...)`; undefined when the value is not such a collection.
 */
export function asItems(value: PyValue | undefined): readonly PyValue[] | undefined {
  if (value === undefined) return undefined;
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'set') return value.items;
  if (value.type === 'call' && ['set', 'frozenset', 'list', 'tuple'].includes(value.callee)) {
    if (value.args.length === 0) return [];
    if (value.args.length === 1) return asItems(value.args[0]);
  }
  return undefined;
}

export function asStrings(value: PyValue | undefined): string[] | undefined {
  const items = asItems(value);
  if (!items) return undefined;
  const strings = items.map(asString);
  return strings.every((item): item is string => item !== undefined) ? strings : undefined;
}

/** A dict literal with string keys as entries; undefined for anything else. */
export function asStringKeyed(value: PyValue | undefined): Map<string, PyValue> | undefined {
  if (value?.type !== 'dict') return undefined;
  const map = new Map<string, PyValue>();
  for (const entry of value.entries) {
    const key = asString(entry.key);
    if (key !== undefined) map.set(key, entry.value);
  }
  return map;
}

/** Renders a value back as Python source, for reasons, defaults and descriptions. */
export function toPythonSource(value: PyValue): string {
  switch (value.type) {
    case 'str':
      return pythonQuote(value.value);
    case 'bytes':
      return `b${pythonQuote(value.value)}`;
    case 'int':
    case 'float':
      return String(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return `[${value.items.map(toPythonSource).join(', ')}]`;
    case 'tuple':
      return value.items.length === 1
        ? `(${toPythonSource(value.items[0]!)},)`
        : `(${value.items.map(toPythonSource).join(', ')})`;
    case 'set':
      return value.items.length === 0 ? 'set()' : `{${value.items.map(toPythonSource).join(', ')}}`;
    case 'dict':
      return `{${value.entries.map((e) => `${toPythonSource(e.key)}: ${toPythonSource(e.value)}`).join(', ')}}`;
    case 'name':
      return value.name;
    case 'call': {
      const args = [
        ...value.args.map(toPythonSource),
        ...Object.entries(value.kwargs).map(([key, arg]) => `${key}=${toPythonSource(arg)}`),
      ];
      return `${value.callee}(${args.join(', ')})`;
    }
    case 'operator': {
      const [first, second] = value.operands;
      if (value.operands.length === 1 && first) {
        const space = value.operator === 'not' ? ' ' : '';
        return `${value.operator}${space}${toPythonSource(first)}`;
      }
      return first && second
        ? `${toPythonSource(first)} ${value.operator} ${toPythonSource(second)}`
        : value.operator;
    }
    case 'unknown':
      return value.source;
  }
}

function pythonQuote(text: string): string {
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\n', '\\n')
    .replaceAll('\t', '\\t')
    .replaceAll('\r', '\\r');
  return `'${escaped}'`;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A literal Python value as JSON (tuples as arrays), or undefined when it holds a non-literal. */
export function jsonOfPython(value: PyValue): Json | undefined {
  switch (value.type) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
      return value.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple': {
      const items = value.items.map(jsonOfPython);
      return items.every((item): item is Json => item !== undefined) ? items : undefined;
    }
    case 'dict': {
      const object: { [key: string]: Json } = {};
      for (const entry of value.entries) {
        const key = asString(entry.key);
        const item = jsonOfPython(entry.value);
        if (key === undefined || item === undefined) return undefined;
        object[key] = item;
      }
      return object;
    }
    default:
      return undefined;
  }
}

/**
 * A literal as SQL would spell it in a constant: strings as they are, numbers, booleans as
 * true/false, collections as JSON; undefined for anything else.
 */
export function literalSqlText(value: PyValue): string | undefined {
  switch (value.type) {
    case 'str':
      return value.value;
    case 'int':
    case 'float':
      return String(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'list':
    case 'tuple':
    case 'dict': {
      const json = jsonOfPython(value);
      return json === undefined ? undefined : JSON.stringify(json);
    }
    default:
      return undefined;
  }
}
