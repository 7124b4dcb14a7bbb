import type { Node } from 'web-tree-sitter';
import { dottedName, expressions } from '../python/python-literal';

/** What the code of a function defined in the migration file visibly does (RunPython facts). */
export interface CodeFacts {
  /**
   * The code imports the project's models (`from shop.models import Book`, `from .models`,
   * `import shop.models`) instead of asking `apps.get_model(...)` for the historical ones, either
   * inside the function or at module level for a name the function uses.
   */
  readonly usesLiveModels: boolean;
  /**
   * The code visibly works in chunks: `.iterator(chunk_size=...)`, `bulk_update` / `bulk_create`
   * with `batch_size=`, a queryset sliced inside a loop, a loop over a `*batch*` / `*chunk*`
   * helper, a `Paginator`, or a loop in code that also uses a `*BATCH*` / `*CHUNK*` name (a
   * `LIMIT %s` run with BATCH_SIZE until no row is left).
   */
  readonly batched: boolean;
}

/** What one function's body says, before the functions it calls are followed. */
interface FunctionReading {
  readonly importsModels: boolean;
  readonly batched: boolean;
  /** The body has a for / while loop. */
  readonly loops: boolean;
  /** Names the body reads (attribute names excluded). */
  readonly references: ReadonlySet<string>;
  /** Names the function binds itself (parameters, assignments): they shadow module names. */
  readonly locals: ReadonlySet<string>;
}

/**
 * The facts of every function defined at module level or in the `Migration` class body, keyed by
 * name (class-level functions win). A function that calls another function of the file inherits
 * that function's facts (`for ids in queryset_in_batches(qs)` with the helper in the file).
 */
export function functionFacts(root: Node, classNode: Node | undefined): Map<string, CodeFacts> {
  const liveNames = new Set<string>();
  const readings = new Map<string, FunctionReading>();
  for (const statement of expressions(root)) {
    for (const name of modelImportBindings(statement)) liveNames.add(name);
    const definition = functionDefinition(statement);
    if (definition) readings.set(definition.name, readFunction(definition.node));
  }
  const body = classNode?.childForFieldName('body');
  for (const statement of body ? expressions(body) : []) {
    const definition = functionDefinition(statement);
    if (definition) readings.set(definition.name, readFunction(definition.node));
  }
  const facts = new Map<string, CodeFacts>();
  for (const name of readings.keys()) facts.set(name, resolve(name, readings, liveNames));
  return facts;
}

function resolve(
  name: string,
  readings: ReadonlyMap<string, FunctionReading>,
  liveNames: ReadonlySet<string>,
): CodeFacts {
  let usesLiveModels = false;
  let batched = false;
  // A loop somewhere and a batch size somewhere (`while rows_left(): update_batch()` with the
  // helper running `LIMIT %s` with BATCH_SIZE).
  let loops = false;
  let batchName = false;
  const seen = new Set<string>([name]);
  const pending = [name];
  while (pending.length > 0) {
    const reading = readings.get(pending.pop()!)!;
    usesLiveModels ||= reading.importsModels;
    batched ||= reading.batched;
    loops ||= reading.loops;
    for (const reference of reading.references) {
      if (BATCH_HELPER.test(reference)) batchName = true;
      if (reading.locals.has(reference)) continue;
      if (liveNames.has(reference)) usesLiveModels = true;
      if (readings.has(reference) && !seen.has(reference)) {
        seen.add(reference);
        pending.push(reference);
      }
    }
  }
  return { usesLiveModels, batched: batched || (loops && batchName) };
}

function functionDefinition(statement: Node): { name: string; node: Node } | undefined {
  const node =
    statement.type === 'decorated_definition'
      ? statement.childForFieldName('definition')
      : statement;
  if (node?.type !== 'function_definition') return undefined;
  const name = node.childForFieldName('name')?.text;
  return name ? { name, node } : undefined;
}

/** Queryset methods whose result, sliced in a loop, is a page of rows. */
const QUERYSET_METHODS = new Set([
  'all',
  'filter',
  'exclude',
  'order_by',
  'values',
  'values_list',
  'only',
  'defer',
  'select_related',
  'prefetch_related',
  'annotate',
  'distinct',
  'using',
]);
const BATCH_WORDS = /batch|chunk|size|step|limit/i;
const BATCH_HELPER = /batch|chunk/i;

function readFunction(definition: Node): FunctionReading {
  const references = new Set<string>();
  const locals = new Set<string>();
  let importsModels = false;
  let batched = false;
  let loops = false;
  const parameters = definition.childForFieldName('parameters');
  if (parameters) for (const name of boundNames(parameters)) locals.add(name);
  const body = definition.childForFieldName('body');
  const stack: { node: Node; inLoop: boolean }[] = body ? [{ node: body, inLoop: false }] : [];
  while (stack.length > 0) {
    const { node, inLoop } = stack.pop()!;
    const push = (child: Node | null, loop = inLoop) => {
      if (child) stack.push({ node: child, inLoop: loop });
    };
    switch (node.type) {
      case 'identifier':
        references.add(node.text);
        continue;
      case 'import_statement':
      case 'import_from_statement':
        if (modelImportBindings(node).length > 0) importsModels = true;
        continue;
      case 'attribute':
        // `qs.filter`: the object is read, `filter` is not a name of the file.
        push(node.childForFieldName('object'));
        continue;
      case 'keyword_argument':
        push(node.childForFieldName('value'));
        continue;
      case 'assignment':
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) for (const name of boundNames(left)) locals.add(name);
        break;
      }
      case 'call':
        if (isBatchedCall(node)) batched = true;
        break;
      case 'subscript':
        if (inLoop && isPageSlice(node)) batched = true;
        break;
      case 'for_statement': {
        const iterable = node.childForFieldName('right');
        if (iterable?.type === 'call' && BATCH_HELPER.test(calleeName(iterable) ?? ''))
          batched = true;
        loops = true;
        for (const child of node.namedChildren) push(child, true);
        continue;
      }
      case 'while_statement':
        loops = true;
        for (const child of node.namedChildren) push(child, true);
        continue;
      default:
        break;
    }
    for (const child of node.namedChildren) push(child);
  }
  return { importsModels, batched, loops, references, locals };
}

/** `qs.iterator(chunk_size=...)`, `bulk_update(..., batch_size=...)`, `Paginator(...)`. */
function isBatchedCall(call: Node): boolean {
  const name = calleeName(call);
  if (name === 'Paginator') return true;
  const keywords = keywordNames(call);
  if (name === 'iterator') return keywords.has('chunk_size');
  if (name === 'bulk_update' || name === 'bulk_create') return keywords.has('batch_size');
  return false;
}

/** `queryset.filter(...)[:BATCH_SIZE]`, `ids[start : start + CHUNK]`: a page, not a substring. */
function isPageSlice(subscript: Node): boolean {
  const slices = subscript.namedChildren.filter((child) => child.type === 'slice');
  if (slices.length === 0) return false;
  if (slices.some((slice) => BATCH_WORDS.test(slice.text))) return true;
  const value = subscript.childForFieldName('value');
  if (value?.type === 'call') return QUERYSET_METHODS.has(calleeName(value) ?? '');
  return value?.type === 'attribute' && value.childForFieldName('attribute')?.text === 'objects';
}

function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  if (callee.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}

function keywordNames(call: Node): Set<string> {
  const names = new Set<string>();
  const args = call.childForFieldName('arguments');
  for (const argument of args ? args.namedChildren : []) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    if (name) names.add(name);
  }
  return names;
}

/** Identifiers a parameter list or an assignment target binds. */
function boundNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  const names: string[] = [];
  for (const child of target.namedChildren) {
    if (child.type === 'identifier') names.push(child.text);
    else if (child.type === 'default_parameter' || child.type === 'typed_default_parameter') {
      const name = child.childForFieldName('name');
      if (name?.type === 'identifier') names.push(name.text);
    } else if (
      child.type === 'typed_parameter' ||
      child.type === 'list_splat_pattern' ||
      child.type === 'dictionary_splat_pattern' ||
      child.type === 'pattern_list' ||
      child.type === 'tuple_pattern' ||
      child.type === 'list_pattern'
    ) {
      names.push(...boundNames(child));
    }
  }
  return names;
}

/**
 * The names an import statement binds to a models module of the project: `from shop.models import
 * Book` → Book, `from . import models` → models, `import shop.models` → shop.
 */
function modelImportBindings(statement: Node): string[] {
  if (statement.type === 'import_statement') {
    const names: string[] = [];
    for (const imported of statement.namedChildren) {
      const module =
        imported.type === 'aliased_import' ? imported.childForFieldName('name') : imported;
      const path = module ? (dottedName(module) ?? module.text) : undefined;
      if (!path || !isModelsModule(path)) continue;
      const alias = imported.type === 'aliased_import' ? imported.childForFieldName('alias') : null;
      names.push(alias?.text ?? path.split('.')[0]!);
    }
    return names;
  }
  if (statement.type !== 'import_from_statement') return [];
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode) return [];
  const module = moduleNode.text.replaceAll(/\s+/g, '');
  const names: string[] = [];
  const wildcard = statement.namedChildren.some((child) => child.type === 'wildcard_import');
  if (wildcard) return isModelsModule(module) ? ['*'] : [];
  for (const imported of statement.namedChildren) {
    if (imported.id === moduleNode.id) continue;
    const nameNode =
      imported.type === 'aliased_import' ? imported.childForFieldName('name') : imported;
    if (nameNode?.type !== 'dotted_name') continue;
    const alias = imported.type === 'aliased_import' ? imported.childForFieldName('alias') : null;
    const bound = alias?.text ?? nameNode.text;
    // `from shop.models import Book`, or `from shop import models` / `from . import models`.
    if (isModelsModule(module) || isModelsModule(`${module}.${nameNode.text}`)) names.push(bound);
  }
  return names;
}

function isModelsModule(path: string): boolean {
  const segments = path.replace(/^\.+/, '').split('.');
  if (!segments.includes('models')) return false;
  // Of Django itself only the contrib apps' models are models (`django.db.models` holds fields,
  // Q and F; `django.forms.models` model_to_dict and ModelForm).
  if (segments[0] === 'django') return segments[1] === 'contrib' && segments.at(-1) === 'models';
  return true;
}
