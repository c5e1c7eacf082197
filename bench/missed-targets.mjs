// For a missed target, RESULTS.md says what floor the same run measured beside it and what would lift
// it (issue 13: "for each one missed, the measured floor that prevents it and what would lift it").
// The floor is computed from that run's rows; the lift is what the measurements so far point at.

const v = (x) => (x === null || x === undefined ? '–' : String(x));

/** The most per second `cores` can give when each one costs `cpuMs` of CPU across the stack. */
const ceiling = (cores, cpuMs) => (cpuMs ? Math.round(((cores * 1000) / cpuMs) * 10) / 10 : null);

const EXPLANATIONS = [
  {
    suite: /^p1-events/,
    figure: /^note via API, 8 concurrent: (throughput|p99)$/,
    explain: ({ find, cores }) => {
      const direct = find(/^note as direct Update, 8 concurrent: throughput$/);
      const cpu = find(/^CPU per note via API at 8, whole stack/);
      const api = find(/^CPU per note at 8: API/);
      const worker = find(/^CPU per note at 8: worker$/);
      return {
        floor:
          `the same Update without the API ${v(direct?.value)} events/s, the no-op Update ${v(direct?.baselineValue)}; ` +
          `a note costs ${v(cpu?.value)} ms of CPU across the stack (no-op ${v(cpu?.baselineValue)}), so ${cores} cores give at most ${v(ceiling(cores, cpu?.value))} notes/s`,
        lift:
          `less CPU per note: the API's ${v(api?.value)} ms and the worker's ${v(worker?.value)} ms (the no-op worker's ${v(worker?.baselineValue)}) are ours; ` +
          'or the API and the worker on machines of their own (the compose stack), which leaves the Temporal server the cores',
      };
    },
  },
  {
    suite: /^p1-events/,
    figure: /^the API's own cost at 1/,
    explain: ({ find }) => {
      const refused = find(/^split at 1: auth \+ access \+ validation/);
      const after = find(/^split at 1: the API after the Update/);
      return {
        floor: `a refused body (token, access check, validation; no Update) answers in ${v(refused?.value)} ms; what the API does after the Update takes ${v(after?.value)} ms`,
        lift: 'less CPU in the API per request (its share of the 2 cores the Temporal server and the worker also need) and fewer round trips after the Update (the Idempotency-Key’s response)',
      };
    },
  },
  {
    suite: /^p1-events/,
    figure: /^GET \/cases\/\{id\}/,
    explain: () => ({
      floor:
        'the read model answers in a few ms in PostgreSQL; the rest is the API sharing 2 cores with the recording load',
      lift: 'the API on its own cores',
    }),
  },
  {
    suite: /^p1-open/,
    figure: /^open via API, 8 concurrent: throughput$/,
    explain: ({ find, cores }) => {
      const cpu = find(/^CPU per open via API at 8, whole stack/);
      const direct = find(/^open direct \(Temporal client\), 8 concurrent: throughput$/);
      return {
        floor:
          `the same opening without the API ${v(direct?.value)} cases/s, the no-op update-with-start ${v(direct?.baselineValue)}; ` +
          `an opening costs ${v(cpu?.value)} ms of CPU across the stack (${v(cpu?.detail)}), the no-op ${v(cpu?.baselineValue)}: ` +
          `${cores} cores give at most ${v(ceiling(cores, cpu?.value))} openings/s, and ${v(ceiling(cores, cpu?.baselineValue))} even for the no-op`,
        lift:
          'less work per opening on the Temporal server and the worker: the opening’s notice is a workflow of its own (its start, its two tasks, its e-mail activity; see “workflow tasks per opening”); ' +
          'or a Temporal cluster and workers on more cores',
      };
    },
  },
  {
    suite: /^p1-open/,
    figure: /^open via API, 1 concurrent: p50$/,
    explain: ({ find }) => {
      const direct = find(/^open direct \(Temporal client\), 1 concurrent: p50$/);
      return {
        floor: `the same opening without the API ${v(direct?.value)} ms p50, the no-op update-with-start ${v(direct?.baselineValue)} ms`,
        lift: 'a cheaper first workflow task (its local activities: the calendars, the first write, the notice’s start)',
      };
    },
  },
  {
    suite: /^scale/,
    figure: /cases: note via API at 8, (throughput|p99)$/,
    explain: ({ row, find }) => {
      const size = /^(\d+) cases/.exec(row.figure)?.[1];
      const direct = find(new RegExp(`^${size} cases: note as direct Update at 8, throughput$`));
      return {
        floor: `at that size, with the deadlines firing, the same Update without the API ${v(direct?.value)} events/s, the no-op Update ${v(direct?.baselineValue)}`,
        lift: 'as for P1 events; and the worker’s tasks for the deadlines compete with the notes on the same cores',
      };
    },
  },
  {
    suite: /^scale/,
    figure: /cases: GET \/api\/cases p95$/,
    explain: () => ({
      floor:
        'the list statement itself (EXPLAIN ANALYZE in the notes) against the request: the rest is the API on a machine short of CPU',
      lift: 'the API on cores of its own',
    }),
  },
  {
    suite: /^scale/,
    figure: /cases: worker RSS$/,
    explain: () => ({
      floor:
        'the worker keeps up to WORKER_MAX_CACHED_WORKFLOWS cases in memory (sticky cache), plus the tasks waiting for it',
      lift: 'a smaller cache for a worker short of memory (each evicted case is replayed on its next task), or more workers each with its share',
    }),
  },
  {
    suite: /^scale/,
    figure: /^timer lateness p99 at /,
    explain: ({ row, find }) => ({
      floor: [
        `a trivial workflow’s timer on the same server at the same moment: p99 ${v(row.baselineValue)} s`,
        ((stages) =>
          stages
            ? `the deadline stages fell due at ${v(stages.baselineValue)}/s and the stack fired ${v(stages.value)}/s${
                stages.value < stages.baselineValue
                  ? ', so the backlog, and the lateness with it, grew all through the run'
                  : ''
              }`
            : null)(find(/^deadline stages fired per second at /)),
      ]
        .filter(Boolean)
        .join('; '),
      lift:
        row.baselineValue !== null && row.baselineValue < 5
          ? 'the server fires on time, so the wait is the case worker’s: less CPU per deadline stage (the timer’s task, the notice’s workflow and e-mail) or more workers'
          : 'the server itself fires late on this machine: a Temporal cluster on cores of its own',
    }),
  },
  {
    suite: /^absence-import/,
    figure: /^School year imported and evaluated/,
    explain: ({ find }) => {
      const floor = find(/^Floor: the bare COPY, then a bare write/);
      const receive = find(/^Phase \(year\): COPY into staging through the API/);
      return {
        floor: `a bare write of the same rows as student-days into an indexed copy of the table, after the bare COPY: ${v(floor?.value)} s (×${v(floor?.ratio)} the COPY); receiving the file into staging through the API alone: ${v(receive?.value)} s (×${v(receive?.ratio)})`,
        lift: 'no staging: the file parsed, checked and grouped into days on its way in, written by COPY (ADR 0017 measured what staging and the apply cost)',
      };
    },
  },
  {
    suite: /^absence-import/,
    figure: /^Daily increment imported and evaluated/,
    explain: ({ find }) => {
      const days = find(/^Phase \(increment\): detection: load, the stored days/);
      const detect = find(/^Phase \(increment\): detection activity in all$/);
      const apply = find(/^Phase \(increment\): apply activity in all/);
      return {
        floor: `the day's records are applied in ${v(apply?.value)} s; detection takes ${v(detect?.value)} s summed over the schools, of which ${v(days?.value)} s reading each changed student's stored days of the school year`,
        lift: 'keeping each student’s running school-year figures as the days are written, so a day’s increment reads one day per student, not the year',
      };
    },
  },
  {
    suite: /^absence-import/,
    figure: /^Worker RSS, max during the import$/,
    explain: () => ({
      floor: 'the cases detection opens are workflows in the worker’s cache',
      lift: 'WORKER_MAX_CACHED_WORKFLOWS=10 for a worker that imports (measured 507 MiB), or a cheaper cached workflow',
    }),
  },
];

/** "Floor: …; what would lift it: …" for a missed row, or null when nothing is written for it. */
export function explainMissed(result, row, { cores }) {
  const suite = result.suite ?? '';
  const entry = EXPLANATIONS.find((e) => e.suite.test(suite) && e.figure.test(row.figure));
  if (!entry) return null;
  const find = (re) => (result.rows ?? []).find((x) => re.test(x.figure)) ?? null;
  const { floor, lift } = entry.explain({ row, find, cores });
  return `floor measured in this run: ${floor}; what would lift it: ${lift}`;
}
