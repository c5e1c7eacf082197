export * from './encryption-codec';
export * from './temporal-connection';
export * from './workflow-bundle';
