export {
  createPrismaAdapter,
  createSqlAdapter,
  PRISMA_ADAPTER_NAME,
  PRISMA_ADAPTER_VERSION,
  SQL_ADAPTER_NAME,
  SQL_ADAPTER_VERSION,
} from './sql.adapter';
export { loadSqlParser, type SqlParser, type SqlSyntaxError } from './sql-parser';
export { sqlToEvents, type SqlContext, type Transaction } from './sql-statements';
export { embeddedSqlEvents, type EmbeddedSqlEvent } from './sql-embedded';
