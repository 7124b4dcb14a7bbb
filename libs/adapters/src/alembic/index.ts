export {
  AlembicAdapter,
  ALEMBIC_ADAPTER_NAME,
  ALEMBIC_ADAPTER_VERSION,
  createAlembicAdapter,
} from './alembic.adapter';
