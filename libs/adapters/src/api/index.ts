export * from './api-document';
export * from './api.adapter';
