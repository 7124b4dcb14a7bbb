import type { OriginalEvent, RiskLevel, SchemaEvent } from '@schematrace/contracts';

/** The original API's naive timestamps: UTC, to the second, no zone ("2024-01-12T10:30:00"). */
export function originalTimestamp(value: Date | string): string {
  return new Date(value).toISOString().slice(0, 19);
}

/** The original had three levels; a critical finding is its `high`. */
export function originalRiskLevel(level: RiskLevel | undefined): OriginalEvent['risk_level'] {
  if (!level) return 'low';
  return level === 'critical' ? 'high' : level;
}

/** The table a canonical event is about, when the original API has a view of its kind. */
export function tableOfOriginalEvent(event: SchemaEvent): string | undefined {
  return originalShape(event)?.table;
}

interface OriginalShape {
  readonly table: string;
  readonly event_type: OriginalEvent['event_type'];
  readonly field_name: string;
  readonly metadata: Record<string, unknown>;
}

/**
 * The original API's view of a canonical event: ADD_COLUMN, REMOVE_COLUMN, CHANGE_TYPE,
 * CHANGE_NULLABLE, ADD_INDEX, REMOVE_INDEX, RENAME_COLUMN. Other kinds have no view there.
 */
export function originalShape(event: SchemaEvent): OriginalShape | undefined {
  switch (event.kind) {
    case 'column.added': {
      const { column } = event.payload;
      return {
        table: event.payload.table.name,
        event_type: 'ADD_COLUMN',
        field_name: column.name,
        metadata: {
          type: column.type.sql,
          nullable: column.nullable,
          unique: column.unique,
          ...(column.default.kind === 'none'
            ? {}
            : {
                default:
                  column.default.kind === 'constant'
                    ? column.default.value
                    : column.default.expression,
              }),
        },
      };
    }
    case 'column.dropped':
      return {
        table: event.payload.table.name,
        event_type: 'REMOVE_COLUMN',
        field_name: event.payload.column,
        metadata: {},
      };
    case 'column.type_changed':
      return {
        table: event.payload.table.name,
        event_type: 'CHANGE_TYPE',
        field_name: event.payload.column,
        metadata: { new_type: event.payload.type.sql },
      };
    case 'column.nullability_changed':
      return {
        table: event.payload.table.name,
        event_type: 'CHANGE_NULLABLE',
        field_name: event.payload.column,
        metadata: { nullable: event.payload.nullable },
      };
    case 'column.renamed':
      return {
        table: event.payload.table.name,
        event_type: 'RENAME_COLUMN',
        field_name: event.payload.column,
        metadata: { new_name: event.payload.newName },
      };
    case 'index.created':
      return {
        table: event.payload.table.name,
        event_type: 'ADD_INDEX',
        field_name: event.payload.index.columns[0] ?? event.payload.index.name,
        metadata: {
          index_name: event.payload.index.name,
          unique: event.payload.index.unique,
          columns: event.payload.index.columns,
        },
      };
    case 'index.dropped':
      return event.payload.table
        ? {
            table: event.payload.table.name,
            event_type: 'REMOVE_INDEX',
            field_name: event.payload.name,
            metadata: { index_name: event.payload.name },
          }
        : undefined;
    default:
      return undefined;
  }
}

export function originalEvent(
  record: { number: number; modelId: number; event: SchemaEvent },
  riskLevel: RiskLevel | undefined,
): OriginalEvent | undefined {
  const shape = originalShape(record.event);
  if (!shape) return undefined;
  return {
    id: record.number,
    model_id: record.modelId,
    event_type: shape.event_type,
    field_name: shape.field_name,
    timestamp: originalTimestamp(record.event.occurredAt),
    metadata: shape.metadata,
    risk_level: originalRiskLevel(riskLevel),
  };
}
