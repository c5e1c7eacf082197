// Runs the database migrations against DATABASE_URL (compiled code; run `npm run build` first).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { runMigrations } = require('@tiltak/persistence');
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required');
  process.exit(78);
}
const applied = await runMigrations(url);
console.log(`Migrations up to date (${applied.length} applied now).`);
