// The command line of `npm run chaos` (docs/chaos.md).
export const USAGE = `Usage: npm run chaos -- [options]

  --scenarios L     comma-separated, in order: r1 (kill -9 workers), pg-restart (stop and start
                    PostgreSQL), poison (one case whose events can never be stored)
                    (default r1,pg-restart,poison)
  --cases N         cases opened by simulated teachers (default 500)
  --kills N         SIGKILLs of a random worker during the load, each replaced (default 50)
  --duration S      seconds of load: cases opened, events posted, workers killed (default 300)
  --span S          every deadline falls due S seconds after it opens; reminded S/3 before,
                    escalated S/3 after (default 30)
  --settle S        seconds after the load for due deadlines to fire (default: span + 60)
  --grace S         a stage due less than S seconds before the check may still be on its way
                    (default 45: a killed worker's activity is retried after its 30 s timeout)
  --outage S        seconds PostgreSQL stays down in pg-restart (default 15)
  --concurrency N   requests in flight at once (default 16)
  --seed N          seed of the random plan and kill moments (default 20261201)`;

const SCENARIOS = ['r1', 'pg-restart', 'poison'];
const INTEGER_OPTIONS = [
  'outage',
  'cases',
  'kills',
  'duration',
  'span',
  'settle',
  'grace',
  'concurrency',
  'seed',
];

export function parseArgs(argv) {
  const opts = {
    scenarios: SCENARIOS,
    outage: 15,
    cases: 500,
    kills: 50,
    duration: 300,
    span: 30,
    grace: 45,
    concurrency: 16,
    seed: 20261201,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { ...opts, help: true };
    const [flag, inline] = arg.split('=', 2);
    const name = flag.replace(/^--/, '');
    if (name === 'scenarios') {
      const list = (inline ?? argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = list.filter((x) => !SCENARIOS.includes(x));
      if (!list.length || unknown.length)
        throw new Error(`--scenarios takes a list of ${SCENARIOS.join(', ')}, got ${list.join(',')}`);
      opts.scenarios = list;
      continue;
    }
    if (!flag.startsWith('--') || !INTEGER_OPTIONS.includes(name))
      throw new Error(`Unknown option ${arg}.\n${USAGE}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} needs a whole number ≥ 0, got ${raw}`);
    opts[name] = value;
  }
  if (opts.cases < 1) throw new Error('--cases must be at least 1');
  if (opts.span < 3) throw new Error('--span must be at least 3 seconds');
  if (opts.duration < 10) throw new Error('--duration must be at least 10 seconds');
  opts.settle ??= opts.span + 60;
  return opts;
}
