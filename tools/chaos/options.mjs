// The command line of `npm run chaos` (docs/chaos.md).
export const SCENARIOS = ['r1', 'pg-restart', 'temporal-restart', 'smtp-outage', 'poison', 'temporal-pg'];
/** What `npm run chaos` runs without --scenarios; temporal-pg only where its server is installed. */
export const DEFAULT_SCENARIOS = [
  'r1',
  'pg-restart',
  'temporal-restart',
  'smtp-outage',
  'poison',
  'temporal-pg',
];

export const USAGE = `Usage: npm run chaos -- [options]

  --scenarios L     comma-separated, in order (default ${DEFAULT_SCENARIOS.join(',')}):
                      r1                kill -9 a random one of the two workers, --kills times
                      pg-restart        stop PostgreSQL for --outage s, start it again
                      temporal-restart  stop the Temporal dev server for --outage s, start it again
                                        on the same SQLite file
                      smtp-outage       stop the SMTP server (MailDev) for --smtp-outage s
                      poison            one case whose events can never be stored
                      temporal-pg       the production-shaped Temporal on PostgreSQL: the load on
                                        it, restarted for --outage s (skipped, and said so, where
                                        its server is not installed)
  --quick           a short run of every scenario: 60 cases, 10 kills, 60 s of load, span 15 s,
                    outages of 10 s (SMTP 60 s); explicit options still win
  --cases N         cases opened by simulated teachers, per scenario (default 500)
  --kills N         SIGKILLs of a random worker during R1's load, each replaced (default 50)
  --duration S      seconds of load: cases opened, events posted, faults (default 180; smtp-outage
                    lasts at least its outage + 2 min)
  --span S          every deadline falls due S seconds after it opens; reminded S/3 before,
                    escalated S/3 after (default 30)
  --settle S        seconds after the load for due deadlines to fire (default: span + 60)
  --grace S         a stage due less than S seconds before the check may still be on its way
                    (default 45: a killed worker's activity is retried after its 30 s timeout)
  --outage S        seconds PostgreSQL or Temporal stays down (default 20)
  --smtp-outage S   seconds the SMTP server stays down in smtp-outage (default 600)
  --concurrency N   requests in flight at once (default 16)
  --seed N          seed of the random plan and kill moments (default 20261201)`;

const INTEGER_OPTIONS = [
  'outage',
  'smtp-outage',
  'cases',
  'kills',
  'duration',
  'span',
  'settle',
  'grace',
  'concurrency',
  'seed',
];

const QUICK = { cases: 60, kills: 10, duration: 60, span: 15, outage: 10, smtpOutage: 60 };

export function parseArgs(argv) {
  const opts = {
    scenarios: DEFAULT_SCENARIOS,
    scenariosGiven: false,
    outage: 20,
    smtpOutage: 600,
    cases: 500,
    kills: 50,
    duration: 180,
    span: 30,
    grace: 45,
    concurrency: 16,
    seed: 20261201,
  };
  const given = {};
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { ...opts, help: true };
    if (arg === '--quick') {
      quick = true;
      continue;
    }
    const [flag, inline] = arg.split('=', 2);
    const name = flag.replace(/^--/, '');
    if (name === 'scenarios') {
      const list = (inline ?? argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = list.filter((x) => !SCENARIOS.includes(x));
      if (!list.length || unknown.length)
        throw new Error(`--scenarios takes a list of ${SCENARIOS.join(', ')}, got ${list.join(',')}`);
      opts.scenarios = list;
      opts.scenariosGiven = true;
      continue;
    }
    if (!flag.startsWith('--') || !INTEGER_OPTIONS.includes(name))
      throw new Error(`Unknown option ${arg}.\n${USAGE}`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} needs a whole number ≥ 0, got ${raw}`);
    given[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = value;
  }
  Object.assign(opts, quick ? QUICK : {}, given);
  if (opts.cases < 1) throw new Error('--cases must be at least 1');
  if (opts.span < 3) throw new Error('--span must be at least 3 seconds');
  if (opts.duration < 10) throw new Error('--duration must be at least 10 seconds');
  if (opts.outage < 1 || opts.smtpOutage < 1) throw new Error('an outage lasts at least 1 second');
  opts.settle ??= opts.span + 60;
  return opts;
}

/** When a dependency stops, in seconds into the load: the SMTP server early, so its outage fits. */
export function outageStart(opts, scenario, duration) {
  return scenario === 'smtp-outage' ? Math.min(30, duration * 0.2) : duration * 0.3;
}

/** Seconds of load of a scenario: the SMTP outage falls inside the load, with 90 s of load after it. */
export function loadSeconds(opts, scenario) {
  if (scenario === 'smtp-outage')
    return Math.max(opts.duration, Math.min(30, opts.duration * 0.2) + opts.smtpOutage + 90);
  return opts.duration;
}
