import type {
  AlterEnumStmt,
  AlterExtensionStmt,
  CommentStmt,
  CreateEnumStmt,
  CreateExtensionStmt,
  DropStmt,
  IndexStmt,
  Node,
  ObjectType,
  RenameStmt,
  ViewStmt,
} from 'libpg-query';
import { namedObject, sqlEvent, tableRef, type IndexInput, type SqlEvent } from './sql-events';
import { distinctColumnNames } from './sql-names';
import type { StatementScope } from './sql-scope';
import { indexElement, viewDefinition } from './sql-tables';
import { nameParts } from './sql-types';

const OBJECT_LABELS: Partial<Record<ObjectType, string>> = {
  OBJECT_TABCONSTRAINT: 'constraint',
  OBJECT_DOMCONSTRAINT: 'domain constraint',
  OBJECT_MATVIEW: 'materialized view',
  OBJECT_FDW: 'foreign-data wrapper',
  OBJECT_FOREIGN_SERVER: 'foreign server',
  OBJECT_EVENT_TRIGGER: 'event trigger',
  OBJECT_STATISTIC_EXT: 'extended statistics object',
};

/** What reasons call an object type, with its article: `a constraint`, `an index`. */
function anObject(type: ObjectType | undefined): string {
  const label =
    (type && OBJECT_LABELS[type]) ??
    (type ?? 'OBJECT_UNKNOWN')
      .replace(/^OBJECT_/, '')
      .toLowerCase()
      .replaceAll('_', ' ');
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

function stringArgument(node: Node | undefined): string | undefined {
  return node && 'String' in node ? node.String.sval : undefined;
}

/** CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON table USING method (...) WHERE ... */
export function createIndex(scope: StatementScope, statement: IndexStmt): SqlEvent[] {
  const table = tableRef(statement.relation);
  const elements = (statement.indexParams ?? []).flatMap((node) =>
    'IndexElem' in node ? [indexElement(scope, node.IndexElem)] : [],
  );
  const columns = elements.flatMap((element) => (element.column ? [element.column] : []));
  const expressions = elements.flatMap((element) => (element.column ? [] : [element.text]));
  const where = statement.whereClause && scope.expression(statement.whereClause);
  const include = (statement.indexIncludingParams ?? []).flatMap((node) =>
    'IndexElem' in node ? [indexElement(scope, node.IndexElem).text] : [],
  );
  const method = statement.accessMethod ?? 'btree';
  const name =
    statement.idxname ??
    scope.names.index(
      table.name,
      distinctColumnNames(elements.map((element) => element.indexName)),
    );
  const index: IndexInput = {
    name,
    columns,
    ...(expressions.length > 0 ? { expressions } : {}),
    ...(statement.unique ? { unique: true } : {}),
    // btree is what an index is unless it says otherwise: named only when it is not.
    ...(method !== 'btree' ? { method } : {}),
    ...(where ? { where } : {}),
    ...(statement.concurrent ? { concurrently: true } : {}),
    ...(include.length > 0 ? { include } : {}),
    // `ON ONLY parent` clears the relation's inheritance flag.
    ...(statement.relation && !statement.relation.inh ? { onlyParent: true } : {}),
  };
  return [
    sqlEvent('index.created', {
      table,
      index,
      ...(statement.if_not_exists ? { ifNotExists: true } : {}),
    }),
  ];
}

/** DROP of a table, index, view, sequence, type, domain, schema, routine, trigger, policy, ...: one event per object named. */
export function drop(scope: StatementScope, statement: DropStmt): SqlEvent[] {
  const ifExists = statement.missing_ok ? { ifExists: true } : {};
  const cascade = statement.behavior === 'DROP_CASCADE' ? { cascade: true } : {};
  const flags = { ...ifExists, ...cascade };
  const objects = statement.objects ?? [];
  const parts = (node: Node): string[] => {
    if ('List' in node) return nameParts(node.List.items);
    if ('TypeName' in node) return nameParts(node.TypeName.names);
    if ('String' in node) return [node.String.sval ?? ''];
    if ('ObjectWithArgs' in node) return nameParts(node.ObjectWithArgs.objname);
    return [];
  };
  /** `DROP TRIGGER t ON [schema.]table`: the table's parts, then the trigger's name. */
  const onTable = (node: Node) => {
    const all = parts(node);
    return { table: namedObject(all.slice(0, -1)), name: all.at(-1) ?? '' };
  };
  switch (statement.removeType) {
    case 'OBJECT_TABLE':
      return objects.map((node) =>
        sqlEvent('table.dropped', { table: namedObject(parts(node)), ...flags }),
      );
    case 'OBJECT_INDEX':
      return objects.map((node) =>
        sqlEvent('index.dropped', {
          name: namedObject(parts(node)).name,
          ...(statement.concurrent ? { concurrently: true } : {}),
          ...ifExists,
        }),
      );
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW': {
      const materialized = statement.removeType === 'OBJECT_MATVIEW' ? { materialized: true } : {};
      return objects.map((node) =>
        sqlEvent('view.dropped', { ...namedObject(parts(node)), ...materialized, ...flags }),
      );
    }
    case 'OBJECT_SEQUENCE':
      return objects.map((node) =>
        sqlEvent('sequence.dropped', { ...namedObject(parts(node)), ...flags }),
      );
    case 'OBJECT_TYPE':
      // Enums are the types migrations create; a composite type's drop reads the same.
      return objects.map((node) =>
        sqlEvent('enum.dropped', { ...namedObject(parts(node)), ...flags }),
      );
    case 'OBJECT_DOMAIN':
      return objects.map((node) =>
        sqlEvent('domain.dropped', { ...namedObject(parts(node)), ...flags }),
      );
    case 'OBJECT_EXTENSION':
      return objects.map((node) =>
        sqlEvent('extension.dropped', { ...namedObject(parts(node)), ...flags }),
      );
    case 'OBJECT_SCHEMA':
      return objects.map((node) =>
        sqlEvent('schema.dropped', { name: parts(node).at(-1) ?? '', ...flags }),
      );
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE': {
      const routine =
        statement.removeType === 'OBJECT_PROCEDURE' ? { routine: 'procedure' as const } : {};
      return objects.map((node) =>
        sqlEvent('function.dropped', { ...namedObject(parts(node)), ...routine, ...flags }),
      );
    }
    case 'OBJECT_TRIGGER':
      return objects.map((node) => sqlEvent('trigger.dropped', { ...onTable(node), ...flags }));
    case 'OBJECT_POLICY':
      return objects.map((node) => sqlEvent('policy.dropped', { ...onTable(node), ...ifExists }));
    default:
      return [scope.opaque(`dropping ${anObject(statement.removeType)} has no event kind`)];
  }
}

function objectParts(object: Node | undefined): string[] {
  if (!object) return [];
  if ('List' in object) return nameParts(object.List.items);
  if ('TypeName' in object) return nameParts(object.TypeName.names);
  return [];
}

/** ALTER ... RENAME: tables, columns, indexes, views and sequences have a kind; others do not. */
export function rename(scope: StatementScope, statement: RenameStmt): SqlEvent[] {
  const relation = statement.relation;
  const newName = statement.newname ?? '';
  switch (statement.renameType) {
    case 'OBJECT_TABLE':
      return [sqlEvent('table.renamed', { table: tableRef(relation), newName })];
    case 'OBJECT_COLUMN':
      if (statement.relationType !== 'OBJECT_TABLE') break;
      return [
        sqlEvent('column.renamed', {
          table: tableRef(relation),
          column: statement.subname ?? '',
          newName,
        }),
      ];
    case 'OBJECT_INDEX':
      return [sqlEvent('index.renamed', { name: relation?.relname ?? '', newName })];
    case 'OBJECT_VIEW':
      return [sqlEvent('view.altered', { ...tableRef(relation), newName })];
    case 'OBJECT_MATVIEW':
      return [sqlEvent('view.altered', { ...tableRef(relation), materialized: true, newName })];
    case 'OBJECT_TABCONSTRAINT':
      if (!relation) break; // ALTER DOMAIN ... RENAME CONSTRAINT
      return [
        sqlEvent('constraint.renamed', {
          table: tableRef(relation),
          name: statement.subname ?? '',
          newName,
        }),
      ];
    case 'OBJECT_SCHEMA':
      return [sqlEvent('schema.renamed', { name: statement.subname ?? '', newName })];
    case 'OBJECT_TYPE':
      return [sqlEvent('enum.altered', { ...namedObject(objectParts(statement.object)), newName })];
    case 'OBJECT_DOMAIN':
      return [
        sqlEvent('domain.altered', { ...namedObject(objectParts(statement.object)), newName }),
      ];
    case 'OBJECT_SEQUENCE':
      return [sqlEvent('sequence.altered', { ...tableRef(relation), newName })];
    default:
      break;
  }
  return [scope.opaque(`renaming ${anObject(statement.renameType)} has no event kind`)];
}

/** COMMENT ON TABLE / COLUMN; comments on other objects have no kind. */
export function comment(scope: StatementScope, statement: CommentStmt): SqlEvent[] {
  const object = statement.object;
  const parts = object && 'List' in object ? nameParts(object.List.items) : [];
  const text = statement.comment ?? null;
  if (statement.objtype === 'OBJECT_TABLE' && parts.length > 0) {
    return [sqlEvent('table.comment_changed', { table: namedObject(parts), comment: text })];
  }
  if (statement.objtype === 'OBJECT_COLUMN' && parts.length > 1) {
    return [
      sqlEvent('column.comment_changed', {
        table: namedObject(parts.slice(0, -1)),
        column: parts.at(-1)!,
        comment: text,
      }),
    ];
  }
  return [scope.opaque(`a comment on ${anObject(statement.objtype)} has no event kind`)];
}

export function createEnum(statement: CreateEnumStmt): SqlEvent[] {
  return [
    sqlEvent('enum.created', {
      ...namedObject(nameParts(statement.typeName)),
      values: nameParts(statement.vals),
    }),
  ];
}

/** ALTER TYPE ... ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'w'] / RENAME VALUE. */
export function alterEnum(statement: AlterEnumStmt): SqlEvent[] {
  const type = namedObject(nameParts(statement.typeName));
  const value = statement.newVal ?? '';
  if (statement.oldVal !== undefined) {
    return [
      sqlEvent('enum.altered', { ...type, renamedValue: { from: statement.oldVal, to: value } }),
    ];
  }
  const neighbour = statement.newValNeighbor;
  return [
    sqlEvent('enum.altered', {
      ...type,
      addedValue: value,
      ...(neighbour !== undefined
        ? {
            position: {
              placement: statement.newValIsAfter ? ('after' as const) : ('before' as const),
              value: neighbour,
            },
          }
        : {}),
      ...(statement.skipIfNewValExists ? { ifNotExists: true } : {}),
    }),
  ];
}

export function createView(scope: StatementScope, statement: ViewStmt): SqlEvent[] {
  return [
    sqlEvent('view.created', {
      ...tableRef(statement.view),
      definition: viewDefinition(scope, statement.view?.location),
      ...(statement.replace ? { replaceExisting: true } : {}),
    }),
  ];
}

export function createExtension(statement: CreateExtensionStmt): SqlEvent[] {
  const schema = (statement.options ?? []).flatMap((node) =>
    'DefElem' in node && node.DefElem.defname === 'schema'
      ? [stringArgument(node.DefElem.arg)]
      : [],
  )[0];
  return [
    sqlEvent('extension.created', {
      ...(schema ? { schema } : {}),
      name: statement.extname ?? '',
    }),
  ];
}

export function alterExtension(statement: AlterExtensionStmt): SqlEvent[] {
  const version = (statement.options ?? []).flatMap((node) =>
    'DefElem' in node && node.DefElem.defname === 'new_version'
      ? [stringArgument(node.DefElem.arg)]
      : [],
  )[0];
  return [
    sqlEvent('extension.altered', {
      name: statement.extname ?? '',
      ...(version ? { version } : {}),
    }),
  ];
}
