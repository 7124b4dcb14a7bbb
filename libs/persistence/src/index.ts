export * from './entities';
export * from './mikro-orm.options';
export * from './migrate';
export * from './persistence.module';
