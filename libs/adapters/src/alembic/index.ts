export {
  AlembicAdapter,
  ALEMBIC_ADAPTER_NAME,
  ALEMBIC_ADAPTER_VERSION,
  createAlembicAdapter,
  type AlembicAdapterOptions,
} from './alembic.adapter';
