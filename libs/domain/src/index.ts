export * from './schema/schema-state';
export * from './schema/evolve';
export * from './explain/summarize-event';
