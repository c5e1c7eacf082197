export * from './test-env';
export * from './smtp-server';
