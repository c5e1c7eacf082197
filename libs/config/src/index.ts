export * from './app-config';
export * from './http-hardening';
