import type { Node } from 'web-tree-sitter';
import { firstSyntaxError, type RubyParser, type RubySyntaxError } from '../ruby/ruby-parser';
import { RubyReader, RubyScope } from '../ruby/ruby-reader';
import type { RbValue } from '../ruby/ruby-value';
import { CURRENT_RAILS_VERSION } from './rails-compatibility';

/** Where a migration file sits: `<app>/migrate/<version>_<name>.rb`. */
export interface RailsMigrationPath {
  /**
   * The folder holding `migrate/` (`db`, `engines/billing/db`); for a multi-database folder such
   * as `db/animals_migrate`, that folder itself. `.` when `migrate/` is at the root.
   */
  readonly app: string;
  /** The digits Rails orders migrations by (normally a UTC timestamp, `YYYYMMDDHHMMSS`). */
  readonly version: string;
  /** The file name without `.rb`: `20240101120000_create_users`. */
  readonly name: string;
}

/** A method of the migration class, read into statements. */
export interface RailsMethod {
  readonly name: string;
  readonly line: number;
  readonly parameters: readonly string[];
  readonly body: readonly RbValue[];
}

export interface RailsMigrationClass {
  readonly name: string;
  readonly line: number;
  /** `7.1` of `ActiveRecord::Migration[7.1]`; undefined for a bare `ActiveRecord::Migration`. */
  readonly version?: string;
  /** `disable_ddl_transaction!` in the class body. */
  readonly disableDdlTransaction: boolean;
  /** Instance methods (`def change`, helpers) by name. */
  readonly methods: ReadonlyMap<string, RailsMethod>;
  /** Class methods (`def self.up`, the Rails 2/3 style) by name. */
  readonly classMethods: ReadonlyMap<string, RailsMethod>;
}

export type MigrationFileReading =
  | { readonly kind: 'migration'; readonly migration: RailsMigrationClass }
  | { readonly kind: 'syntax-error'; readonly error: RubySyntaxError }
  | { readonly kind: 'no-migration-class' };

const MIGRATION_FILE = /^(\d+)_([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?)\.rb$/;

export function migrationPathParts(path: string): RailsMigrationPath | undefined {
  const segments = path.split('/');
  const file = segments.at(-1) ?? '';
  const folder = segments.at(-2);
  if (folder === undefined || !(folder === 'migrate' || folder.endsWith('_migrate'))) {
    return undefined;
  }
  const match = MIGRATION_FILE.exec(file);
  if (!match) return undefined;
  const parents = segments.slice(0, folder === 'migrate' ? -2 : -1);
  return {
    app: parents.length === 0 ? '.' : parents.join('/'),
    version: match[1]!,
    name: file.slice(0, -'.rb'.length),
  };
}

/** A glance for `detect`: does the file define a class inheriting `ActiveRecord::Migration`? */
export function hasMigrationClass(parser: RubyParser, content: string): boolean {
  return parser.parse(content, (root) => findMigrationClass(root) !== undefined);
}

/** Reads the migration class of a file. Throws only if the parser itself fails. */
export function readMigrationFile(parser: RubyParser, content: string): MigrationFileReading {
  return parser.parse(content, (root): MigrationFileReading => {
    const error = firstSyntaxError(root);
    if (error) return { kind: 'syntax-error', error };
    const found = findMigrationClass(root);
    if (!found) return { kind: 'no-migration-class' };
    const reader = new RubyReader(root);
    const fileScope = new RubyScope();
    // Constants assigned at the top of the file, or in an enclosing module, before the class.
    for (const body of found.enclosing) {
      for (const child of body.namedChildren) {
        if (child.type === 'assignment' && child.childForFieldName('left')?.type === 'constant') {
          reader.statement(child, fileScope);
        }
      }
    }
    return {
      kind: 'migration',
      migration: readClass(found.node, found.version, reader, fileScope),
    };
  });
}

interface FoundClass {
  readonly node: Node;
  readonly version?: string;
  /** Bodies around the class (the program, modules), for their constant assignments. */
  readonly enclosing: readonly Node[];
}

/** The first class (at the top or inside modules) whose superclass is `ActiveRecord::Migration`. */
function findMigrationClass(root: Node): FoundClass | undefined {
  const search = (container: Node, enclosing: Node[]): FoundClass | undefined => {
    for (const child of container.namedChildren) {
      if (child.type === 'class') {
        const superclass = child.childForFieldName('superclass')?.namedChildren[0];
        const version = superclass ? migrationVersion(superclass) : undefined;
        if (version !== undefined) {
          return {
            node: child,
            ...(version === '' ? {} : { version }),
            enclosing,
          };
        }
      } else if (child.type === 'module') {
        const body = child.childForFieldName('body');
        const found = body ? search(body, [...enclosing, body]) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(root, [root]);
}

/**
 * `ActiveRecord::Migration` → '' (unversioned), `ActiveRecord::Migration[7.1]` → `7.1`,
 * `ActiveRecord::Migration::Current` → the newest; undefined for any other superclass.
 */
function migrationVersion(superclass: Node): string | undefined {
  if (superclass.type === 'scope_resolution') {
    const name = superclass.text.replace(/\s+/g, '').replace(/^::/, '');
    if (name === 'ActiveRecord::Migration') return '';
    if (name === 'ActiveRecord::Migration::Current') return CURRENT_RAILS_VERSION;
    return undefined;
  }
  if (superclass.type === 'element_reference') {
    const object = superclass.childForFieldName('object');
    if (object?.text.replace(/\s+/g, '').replace(/^::/, '') !== 'ActiveRecord::Migration') {
      return undefined;
    }
    // Nodes are fresh objects on every access: compare positions, not identities.
    const argument = superclass.namedChildren.find(
      (child) => child.startIndex !== object.startIndex,
    );
    if (argument?.type === 'float' || argument?.type === 'integer') return argument.text;
    if (argument?.type === 'string') return argument.text.replace(/^["']|["']$/g, '');
    return CURRENT_RAILS_VERSION;
  }
  return undefined;
}

function readClass(
  node: Node,
  version: string | undefined,
  reader: RubyReader,
  fileScope: RubyScope,
): RailsMigrationClass {
  const scope = fileScope.child();
  // `@tables = %w[a b]` in the class body sets the class's own variable, which class methods
  // (`def self.up`) see and instance methods do not.
  const classVariables = scope.child();
  const methods = new Map<string, RailsMethod>();
  const classMethods = new Map<string, RailsMethod>();
  let disableDdlTransaction = false;
  const body = node.childForFieldName('body');
  for (const child of body?.namedChildren ?? []) {
    if (child.type === 'method' || child.type === 'singleton_method') {
      const method = readMethod(
        child,
        reader,
        child.type === 'singleton_method' ? classVariables : scope,
      );
      if (!method) continue;
      const target = child.type === 'method' ? methods : classMethods;
      target.set(method.name, method);
    } else if (child.type === 'assignment') {
      const ivar = child.childForFieldName('left')?.type === 'instance_variable';
      reader.statement(child, ivar ? classVariables : scope);
    } else if (isDisableDdlTransaction(child)) {
      disableDdlTransaction = true;
    }
  }
  return {
    name: node.childForFieldName('name')?.text ?? '?',
    line: node.startPosition.row + 1,
    ...(version === undefined ? {} : { version }),
    disableDdlTransaction,
    methods,
    classMethods,
  };
}

function readMethod(
  node: Node,
  reader: RubyReader,
  classScope: RubyScope,
): RailsMethod | undefined {
  const name = node.childForFieldName('name')?.text;
  if (!name) return undefined;
  if (node.type === 'singleton_method' && node.childForFieldName('object')?.type !== 'self') {
    return undefined;
  }
  const parameters = (node.childForFieldName('parameters')?.namedChildren ?? []).map((parameter) =>
    parameter.type === 'identifier'
      ? parameter.text
      : (parameter.childForFieldName('name')?.text ?? parameter.text),
  );
  const scope = classScope.child();
  const bodyNode = node.childForFieldName('body');
  const body =
    bodyNode === null
      ? []
      : bodyNode.type === 'body_statement'
        ? reader.statements(bodyNode, scope)
        : [reader.statement(bodyNode, scope)]; // `def up = add_column(...)`
  return { name, line: node.startPosition.row + 1, parameters, body };
}

function isDisableDdlTransaction(node: Node): boolean {
  const method =
    node.type === 'call' && !node.childForFieldName('receiver')
      ? node.childForFieldName('method')?.text
      : node.type === 'identifier'
        ? node.text
        : undefined;
  return method === 'disable_ddl_transaction!';
}
