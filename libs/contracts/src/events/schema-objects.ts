import { z } from 'zod';

/** A table as the database knows it, plus the ORM model that maps to it where there is one. */
export const TableRef = z.object({
  schema: z.string().min(1).optional(),
  name: z.string().min(1),
});
export type TableRef = z.infer<typeof TableRef>;

export const OrmModel = z.object({
  /** Django app label, Rails engine, ... */
  app: z.string().optional(),
  name: z.string().min(1),
});
export type OrmModel = z.infer<typeof OrmModel>;

export const Volatility = z.enum(['immutable', 'stable', 'volatile', 'unknown']);

export const ColumnDefault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('constant'),
    value: z.string(),
    /** `app`: only the ORM fills it in; the database column has no default. */
    level: z.enum(['db', 'app']).default('db'),
  }),
  z.object({
    kind: z.literal('expression'),
    expression: z.string(),
    volatility: Volatility,
    level: z.enum(['db', 'app']).default('db'),
  }),
]);
export type ColumnDefault = z.infer<typeof ColumnDefault>;

export const ColumnType = z.object({
  /** Normalised PostgreSQL type, e.g. `varchar(120)`, `bigint`, `timestamptz`. */
  sql: z.string().min(1),
  /** The framework's own name for it, e.g. `CharField`, `string`, `sa.Integer`. */
  framework: z.string().optional(),
});
export type ColumnType = z.infer<typeof ColumnType>;

export const ForeignKeyAction = z.enum([
  'cascade',
  'restrict',
  'set null',
  'set default',
  'no action',
]);

export const ColumnReference = z.object({
  table: TableRef,
  column: z.string().min(1),
  onDelete: ForeignKeyAction.optional(),
});
export type ColumnReference = z.infer<typeof ColumnReference>;

export const ColumnDefinition = z.object({
  name: z.string().min(1),
  type: ColumnType,
  nullable: z.boolean(),
  unique: z.boolean().default(false),
  primaryKey: z.boolean().default(false),
  default: ColumnDefault.default({ kind: 'none' }),
  identity: z.enum(['serial', 'always', 'by-default']).optional(),
  generated: z.object({ expression: z.string(), stored: z.boolean() }).optional(),
  references: ColumnReference.optional(),
  comment: z.string().optional(),
  /** The ORM field name where it differs from the column (Django `author` → `author_id`). */
  field: z.string().optional(),
});
export type ColumnDefinition = z.infer<typeof ColumnDefinition>;

export const IndexDefinition = z.object({
  name: z.string().min(1),
  columns: z.array(z.string()).default([]),
  expressions: z.array(z.string()).default([]),
  unique: z.boolean().default(false),
  method: z.string().optional(),
  where: z.string().optional(),
  concurrently: z.boolean().default(false),
  /** Non-key columns carried by the index (`INCLUDE (...)`). */
  include: z.array(z.string()).default([]),
  /** `CREATE INDEX ... ON ONLY parent`: the partitions are not indexed by this statement. */
  onlyParent: z.boolean().default(false),
});
export type IndexDefinition = z.infer<typeof IndexDefinition>;

export const ConstraintType = z.enum([
  'primary-key',
  'unique',
  'check',
  'foreign-key',
  'exclusion',
]);

export const ConstraintDefinition = z.object({
  name: z.string().min(1),
  type: ConstraintType,
  columns: z.array(z.string()).default([]),
  expression: z.string().optional(),
  references: z
    .object({
      table: TableRef,
      columns: z.array(z.string()),
      onDelete: ForeignKeyAction.optional(),
    })
    .optional(),
  notValid: z.boolean().default(false),
  /** `ADD CONSTRAINT ... USING INDEX name`: adopts an index built beforehand, no new build. */
  usingIndex: z.string().optional(),
});
export type ConstraintDefinition = z.infer<typeof ConstraintDefinition>;

/** Where a statement runs: inside the migration's transaction or not, and why. */
export const StatementContext = z.object({
  inTransaction: z.boolean(),
  transactionSource: z.enum(['framework-default', 'explicit', 'opt-out', 'unknown']).optional(),
  /**
   * Which transaction of the migration the statement runs in (0, 1, ...), when a migration has
   * several (explicit BEGIN/COMMIT, Alembic autocommit blocks). Statements with the same number
   * hold their locks together.
   */
  transactionGroup: z.number().int().nonnegative().optional(),
  line: z.number().int().positive().optional(),
  /**
   * Risk rules the author explicitly accepted for this statement: rule ids, or `*` for all
   * (Rails `safety_assured`, `-- squawk-ignore`, `-- atlas:nolint`, ...).
   */
  acknowledged: z.array(z.string()).optional(),
});
export type StatementContext = z.infer<typeof StatementContext>;
