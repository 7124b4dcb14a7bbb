export * from './service-config.token';
export * from './platform.module';
export * from './health/health.registry';
export * from './boot/infrastructure-unavailable.error';
export * from './boot/preflight';
export * from './boot/start-service';
export * from './boot/rethrow-handler-errors.filter';
export * from './boot/process-warnings';
