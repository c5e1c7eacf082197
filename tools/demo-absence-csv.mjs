// `npm run -s demo-absence-csv -- [fjordvik|bakkeli] > file.csv` writes a synthetic lesson attendance
// export for a demo school: the last eight school weeks up to today, six lessons a day, made by the
// seeded generator the tests use (libs/domain/testing). Importing it (README, "Absence import") opens
// the expected cases. The references are the demo students' (apps/api/src/demo/demo-data.ts).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let domain, testing;
try {
  domain = require(path.join(root, 'libs/domain/dist/index.js'));
  testing = require(path.join(root, 'libs/domain/dist/testing/index.js'));
} catch {
  console.error('Build first: npm run build (or npm start once).');
  process.exit(1);
}

// Who shows what: one case each for Mia (Mondays), Ella (rising; lower threshold), Filip (late),
// Sara (a long illness); Noah and Lukas stay below every threshold.
const SCHOOLS = {
  fjordvik: [
    { studentRef: 'VFS-00001', pattern: 'monday-absent' },
    { studentRef: 'VFS-00002', pattern: 'regular' },
    { studentRef: 'VFS-00003', pattern: 'rising' },
  ],
  bakkeli: [
    { studentRef: 'VFS-00011', pattern: 'chronic-late' },
    { studentRef: 'VFS-00012', pattern: 'long-illness' },
    { studentRef: 'VFS-00013', pattern: 'regular' },
  ],
};

const school = process.argv[2] ?? 'fjordvik';
const students = SCHOOLS[school];
if (!students) {
  console.error(`Unknown demo school "${school}": use ${Object.keys(SCHOOLS).join(' or ')}.`);
  process.exit(64);
}
const today = domain.osloDate(new Date().toISOString());
const records = testing.generateAttendance({
  seed: 2026,
  students,
  from: domain.addDays(today, -55),
  to: today,
});
process.stdout.write(testing.attendanceCsv(records));
