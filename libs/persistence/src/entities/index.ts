import { ApiKeyEntity } from './api-key.entity';
import { ConsumerCheckpointEntity } from './consumer-checkpoint.entity';
import { LedgerMigrationEntity } from './ledger-migration.entity';
import { ProjectHeadEntity } from './project-head.entity';
import { ProjectEntity } from './project.entity';
import { ProjectPolicyEntity, RiskAssessmentEntity, RiskFindingEntity } from './risk.entity';
import { ScanEntity, ScanPartEntity } from './scan.entity';
import { ScanProgressEntity } from './scan-progress.entity';
import { SchemaSnapshotEntity } from './schema-snapshot.entity';
import { SchemaEventRecordEntity } from './schema-event-record.entity';
import { SchemaColumnEntity, SchemaTableEntity } from './schema-table.entity';

export * from './api-key.entity';
export * from './consumer-checkpoint.entity';
export * from './ledger-migration.entity';
export * from './project-head.entity';
export * from './project.entity';
export * from './risk.entity';
export * from './scan.entity';
export * from './scan-progress.entity';
export * from './schema-snapshot.entity';
export * from './schema-event-record.entity';
export * from './schema-table.entity';

export const ENTITIES = [
  ProjectEntity,
  LedgerMigrationEntity,
  ScanEntity,
  ScanPartEntity,
  SchemaEventRecordEntity,
  ProjectHeadEntity,
  SchemaTableEntity,
  SchemaColumnEntity,
  ConsumerCheckpointEntity,
  ScanProgressEntity,
  SchemaSnapshotEntity,
  ProjectPolicyEntity,
  RiskFindingEntity,
  RiskAssessmentEntity,
  ApiKeyEntity,
];
