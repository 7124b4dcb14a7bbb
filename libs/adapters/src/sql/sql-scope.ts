import type { TypeName } from 'libpg-query';
import { sqlEvent, type SqlEvent } from './sql-events';
import { GeneratedNames } from './sql-names';
import type { SqlSource, TokenRange } from './sql-source';
import { expressionText, leadingKeywords, typeNameSpan } from './sql-spans';
import { columnType } from './sql-types';

/** Longest statement excerpt a `data.migrated` description carries. */
const DESCRIPTION_LENGTH = 200;

/** One statement being turned into events: its tokens, and the names generated inside it. */
export class StatementScope {
  readonly names = new GeneratedNames();

  constructor(
    readonly source: SqlSource,
    readonly range: TokenRange,
  ) {}

  /** The statement's leading keywords (`CREATE TRIGGER`), how reasons name it. */
  get label(): string {
    return leadingKeywords(this.source, this.range);
  }

  /** The statement exactly as written, without its semicolon. */
  get text(): string {
    return this.source.originalOf(this.range);
  }

  /** The statement on one line, shortened: what a `data.migrated` event describes. */
  get description(): string {
    const spelled = this.source.spelled(this.range);
    return spelled.length > DESCRIPTION_LENGTH
      ? `${spelled.slice(0, DESCRIPTION_LENGTH - 1)}…`
      : spelled;
  }

  /** An expression of the statement as written (comments dropped, whitespace made single). */
  expression(node: unknown): string | undefined {
    return expressionText(this.source, node, this.range);
  }

  /** A type as written (`character varying(120)`) with its canonical spelling. */
  type(typeName: TypeName) {
    const at = typeName.location === undefined ? undefined : this.source.tokenAt(typeName.location);
    const written =
      at === undefined ? '' : this.source.spelled(typeNameSpan(this.source, at, this.range));
    return columnType(typeName, written);
  }

  /** The statement kept as it is, with why no event kind describes it. */
  opaque(reason: string): SqlEvent {
    return sqlEvent('sql.executed', { statement: this.text, reason: `${this.label}: ${reason}` });
  }
}
