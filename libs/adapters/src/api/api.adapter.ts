import type { EventDraft } from '@schematrace/contracts';
import { decode, describeIssues } from '@schematrace/contracts';
import type {
  MigrationAdapter,
  MigrationSource,
  ParsedMigration,
  ParsedProject,
} from '../migration-adapter';
import { API_DOCUMENT_DIR, ApiDocument, type ApiOperation } from './api-document';

export const API_ADAPTER_NAME = 'api';
export const API_ADAPTER_VERSION = '1.0.0';

/**
 * Documents written by the gateway for the original REST API (framework `api`), in the order of
 * their file names (time, then id). Each original event becomes the canonical event it names.
 */
export function createApiAdapter(): MigrationAdapter {
  return {
    framework: 'api',
    name: API_ADAPTER_NAME,
    version: API_ADAPTER_VERSION,
    detect: (source) =>
      source.path.startsWith(`${API_DOCUMENT_DIR}/`) && source.path.endsWith('.json'),
    parseProject: (sources): ParsedProject => ({
      framework: 'api',
      migrations: [...sources]
        .sort((a, b) => a.path.localeCompare(b.path))
        .map((source) => parseDocument(source)),
    }),
  };
}

function parseDocument(source: MigrationSource): ParsedMigration {
  const name = source.path.slice(API_DOCUMENT_DIR.length + 1).replace(/\.json$/, '');
  const base = { source, framework: 'api' as const, app: 'api', name };
  let raw: unknown;
  try {
    raw = JSON.parse(source.content);
  } catch (error) {
    return { ...base, events: [unparsed(`not JSON: ${(error as Error).message}`)] };
  }
  const decoded = decode(ApiDocument, raw);
  if (!decoded.ok) return { ...base, events: [unparsed(describeIssues(decoded.issues))] };
  const document = decoded.value;
  const events = document.operations.flatMap((operation, opIndex) =>
    eventsOf(operation).map((draft, subIndex) => ({ ...draft, opIndex, subIndex }) as EventDraft),
  );
  return {
    ...base,
    events,
    timestampFromName: new Date(
      /[zZ]|[+-]\d\d:?\d\d$/.test(document.createdAt)
        ? document.createdAt
        : `${document.createdAt}Z`,
    ).toISOString(),
    reversible: false,
    transactional: true,
  };
}

type Draft = Omit<EventDraft, 'opIndex' | 'subIndex'>;

function unparsed(reason: string): EventDraft {
  return { kind: 'migration.unparsed', payload: { reason }, opIndex: 0, subIndex: 0 };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const flag = (value: unknown): boolean | undefined =>
  typeof value === 'boolean' ? value : undefined;

function eventsOf(operation: ApiOperation): Draft[] {
  const table = { name: operation.table };
  if (operation.op === 'create_model') {
    const created: Draft = {
      kind: 'table.created',
      payload: { table, model: { name: operation.table } },
    };
    // The original model's description is the table's comment.
    return operation.description
      ? [
          created,
          { kind: 'table.comment_changed', payload: { table, comment: operation.description } },
        ]
      : [created];
  }
  const { field, metadata } = operation;
  switch (operation.eventType) {
    case 'ADD_COLUMN': {
      const defaultValue = metadata.default ?? metadata.default_value;
      return [
        {
          kind: 'column.added',
          payload: {
            table,
            column: {
              name: field,
              type: { sql: text(metadata.type) ?? text(metadata.field_type) ?? 'text' },
              nullable: flag(metadata.nullable) ?? true,
              unique: flag(metadata.unique) ?? false,
              primaryKey: flag(metadata.primary_key) ?? false,
              default:
                defaultValue === undefined || defaultValue === null
                  ? { kind: 'none' }
                  : {
                      kind: 'constant',
                      value:
                        typeof defaultValue === 'string'
                          ? defaultValue
                          : JSON.stringify(defaultValue),
                    },
            },
          },
        },
      ];
    }
    case 'REMOVE_COLUMN':
      return [{ kind: 'column.dropped', payload: { table, column: field } }];
    case 'CHANGE_TYPE': {
      const type = text(metadata.new_type) ?? text(metadata.type);
      return type
        ? [{ kind: 'column.type_changed', payload: { table, column: field, type: { sql: type } } }]
        : [
            {
              kind: 'migration.unparsed',
              payload: { reason: `CHANGE_TYPE of ${field}: metadata names no type (new_type)` },
            },
          ];
    }
    case 'CHANGE_NULLABLE': {
      const nullable = flag(metadata.nullable) ?? flag(metadata.new_nullable);
      return nullable === undefined
        ? [
            {
              kind: 'migration.unparsed',
              payload: { reason: `CHANGE_NULLABLE of ${field}: metadata has no nullable` },
            },
          ]
        : [{ kind: 'column.nullability_changed', payload: { table, column: field, nullable } }];
    }
    case 'ADD_INDEX':
      return [
        {
          kind: 'index.created',
          payload: {
            table,
            index: {
              name:
                text(metadata.index_name) ??
                text(metadata.name) ??
                `${operation.table}_${field}_idx`,
              columns: [field],
              unique: flag(metadata.unique) ?? false,
            },
          },
        },
      ];
    case 'REMOVE_INDEX':
      return [
        {
          kind: 'index.dropped',
          payload: {
            table,
            name:
              text(metadata.index_name) ?? text(metadata.name) ?? `${operation.table}_${field}_idx`,
          },
        },
      ];
    case 'RENAME_COLUMN': {
      const newName = text(metadata.new_name) ?? text(metadata.to);
      return newName
        ? [{ kind: 'column.renamed', payload: { table, column: field, newName } }]
        : [
            {
              kind: 'migration.unparsed',
              payload: { reason: `RENAME_COLUMN of ${field}: metadata has no new_name` },
            },
          ];
    }
  }
}
