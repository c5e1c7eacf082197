// Runs the database migrations as the owner role (DATABASE_MIGRATION_URL) and gives the application
// role, the user in DATABASE_URL, exactly its privileges (compiled code; run `npm run build` first).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadMigrationConfig, ConfigError } = require('@tiltak/config');
const { runMigrations } = require('@tiltak/persistence');
let config;
try {
  config = loadMigrationConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`${err.message}\nSee README, "An external PostgreSQL".`);
  process.exit(78);
}
try {
  const applied = await runMigrations(config.migrationUrl, { appRole: config.appRole });
  console.log(`Migrations up to date (${applied.length} applied now); privileges of ${config.appRole} set.`);
} catch (err) {
  console.error(`Migrations failed: ${err.message}`);
  process.exit(1);
}
