// The invariants of a chaos run, checked from what PostgreSQL, Temporal and the SMTP server hold
// afterwards. Pure: `collect` in chaos.mjs gathers the figures, this judges them.
const STAGE_TIME = { 'reminder-due': 'remindAt', 'deadline-missed': 'dueAt', escalated: 'escalateAt' };
const STAGES = ['reminder-due', 'deadline-missed', 'escalated'];

export function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A Message-ID with or without its angle brackets (headers carry them; other records may not). */
const bareId = (messageId) => String(messageId).replace(/^<|>$/g, '');

export function checkRun(figures) {
  const violations = [];
  // The poisoned case's events can never be stored: it is judged on its own, below.
  const others = (items) => items.filter((x) => x.caseId !== figures.poisoned);
  const f = {
    ...figures,
    accepted: others(figures.accepted),
    events: others(figures.events),
    deadlines: others(figures.deadlines),
  };
  let lost = 0;
  let doubled = 0;

  // Cases: every one the teachers meant to open was opened.
  if (f.cases < f.plannedCases) violations.push(`only ${f.cases} of ${f.plannedCases} cases were opened`);
  if (f.kills < (f.plannedKills ?? 0))
    violations.push(`only ${f.kills} of ${f.plannedKills} workers were killed`);

  // Events: every 201/202-answered event is in the timeline exactly once.
  const personEvents = new Map();
  for (const e of f.events) {
    if (e.origin === 'person') personEvents.set(e.eventId, (personEvents.get(e.eventId) ?? 0) + 1);
  }
  for (const a of f.accepted) {
    const n = personEvents.get(a.eventId) ?? 0;
    if (n === 0) {
      lost += 1;
      violations.push(
        `event ${a.eventId} of case ${a.caseId} was answered ${a.status} but is not in the timeline`,
      );
    } else if (n > 1) {
      doubled += n - 1;
      violations.push(`event ${a.eventId} of case ${a.caseId} is in the timeline ${n} times`);
    }
  }

  // Deadlines: each stage at most once, in order, and every stage due before the cutoff is there.
  const byDeadline = new Map();
  for (const e of f.events) {
    if (!STAGES.includes(e.type)) continue;
    const key = `${e.caseId}/${e.payload.deadlineId}`;
    if (!byDeadline.has(key)) byDeadline.set(key, []);
    byDeadline.get(key).push(e);
  }
  const known = new Map(f.deadlines.map((d) => [`${d.caseId}/${d.id}`, d]));
  const lateness = [];
  for (const [key, entries] of byDeadline) {
    const types = entries.map((e) => e.type);
    for (const stage of STAGES) {
      const n = types.filter((t) => t === stage).length;
      if (n > 1) {
        doubled += n - 1;
        violations.push(`deadline ${key}: ${stage} recorded ${n} times`);
      }
    }
    const distinct = types.filter((t, i) => types.indexOf(t) === i);
    if (distinct.join() !== STAGES.slice(0, distinct.length).join())
      violations.push(`deadline ${key}: stages out of order: ${types.join(' → ')}`);
    const deadline = known.get(key) ?? { dueAt: entries[0].payload.dueAt };
    for (const e of entries) {
      const due = deadline[STAGE_TIME[e.type]];
      if (due) lateness.push(Math.max(0, e.recordedAt - Date.parse(due)));
    }
  }
  for (const [key, d] of known) {
    const present = new Set((byDeadline.get(key) ?? []).map((e) => e.type));
    for (const stage of STAGES) {
      const at = Date.parse(d[STAGE_TIME[stage]]);
      const due = d.pending ? at < f.cutoff : d.metAt !== null && at < d.metAt - f.graceMs;
      if (due && !present.has(stage)) {
        lost += 1;
        violations.push(
          `deadline ${key}: ${stage} due at ${d[STAGE_TIME[stage]]} is not in the timeline (the case says ${d.status}${d.pending ? ', still pending' : ''})`,
        );
      }
    }
  }

  // Notices: one message per notice, beyond the documented window (an interrupted attempt may send
  // a second copy with the same Message-ID, recorded as afterInterruptedAttempt); none sent but missing.
  const copies = new Map();
  for (const m of f.mail) copies.set(bareId(m.messageId), (copies.get(bareId(m.messageId)) ?? 0) + 1);
  const allowance = new Map();
  const sentIds = new Set();
  for (const e of f.events) {
    if (e.type !== 'notification-sent') continue;
    sentIds.add(bareId(e.payload.messageId));
    if (e.payload.afterInterruptedAttempt) allowance.set(bareId(e.payload.messageId), 1);
  }
  let resent = 0;
  for (const [messageId, n] of copies) {
    const extra = n - 1 - (allowance.get(messageId) ?? 0);
    resent += Math.min(n - 1, allowance.get(messageId) ?? 0);
    if (extra > 0) {
      doubled += extra;
      violations.push(
        `notice ${messageId} arrived ${n} times (allowed ${1 + (allowance.get(messageId) ?? 0)})`,
      );
    }
  }
  for (const messageId of sentIds) {
    if (!copies.has(messageId)) {
      lost += 1;
      violations.push(`notice ${messageId} is recorded as sent but never reached the SMTP server`);
    }
  }

  // Workflows and the API.
  const failed = Object.values(f.failedWorkflows).reduce((a, b) => a + b, 0);
  if (failed) violations.push(`workflows not running or completed: ${JSON.stringify(f.failedWorkflows)}`);
  for (const [status, n] of Object.entries(f.answers)) {
    if (Number(status) >= 500 && Number(status) !== 503)
      violations.push(`the API answered ${status} ${n} times`);
  }
  if (f.hangs) violations.push(`${f.hangs} requests had no answer within 45 s`);

  if (f.poisoned && f.poisonedStatus !== 'RUNNING')
    violations.push(`the poisoned case's workflow is ${f.poisonedStatus}, not RUNNING with its events kept`);
  const notes = [];
  // Notices of the scenario's cases that never went out: each due before the cutoff must be sent.
  // A row left 'sending' by a killed worker is taken over once its lease (2 min, libs/notifications)
  // has run out, and the retry waiting for it backs off meanwhile: two leases of room from its claim.
  const LEASE_MS = 2 * 60_000;
  let inLease = 0;
  for (const o of f.outbox ?? []) {
    if (o.status === 'sending' && o.updatedAt >= f.cutoff - 2 * LEASE_MS) {
      inLease += 1;
      continue;
    }
    if ((o.status === 'pending' || o.status === 'sending') && o.createdAt < f.cutoff) {
      lost += 1;
      violations.push(`notice ${o.messageId} (${o.kind}) is still ${o.status}`);
    }
  }
  if (inLease) notes.push(`${inLease} notices still within the lease of a killed worker's attempt`);
  const failedNotices = f.events.filter((e) => e.type === 'notification-failed').length;
  if (f.outage) {
    notes.push(...outageNotes(f.outage));
    violations.push(...outageViolations(f.outage));
    // An SMTP server that is away is a transient failure: retried, never recorded as failed for good.
    if (f.outage.what === 'SMTP' && failedNotices)
      violations.push(`${failedNotices} notices recorded as failed (notification-failed) by an SMTP outage`);
  }
  if (failedNotices) notes.push(`notification-failed entries in the timeline: ${failedNotices}`);

  const p99 = percentile(lateness, 99);
  return {
    violations,
    notes,
    row: {
      scenario: f.scenario,
      cases: f.cases,
      events: f.accepted.length,
      'kills/restarts': f.kills,
      lost,
      doubled,
      'deadline stages (p99 / max lateness)': `${lateness.length} (${(p99 / 1000).toFixed(1)} s / ${(Math.max(0, ...lateness) / 1000).toFixed(1)} s)`,
      'notices (resent in window)': `${f.mail.length} (${resent})`,
      'failed workflows': failed,
    },
  };
}

export function formatTable(rows) {
  const header = Object.keys(rows[0]);
  const table = rows.map((r) => header.map((h) => String(r[h])));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.map(line)].join('\n');
}

const statusList = (answers) =>
  Object.entries(answers)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ') || 'none';

/** What the API answered while a dependency was down, for the notes under the table. */
export function outageNotes(outage) {
  const lines = [
    `${outage.what} stopped for ${outage.seconds} s (serving again after ${Math.round((outage.downMs ?? 0) / 1000)} s): every answer while stopped ${statusList(outage.answers)}; slowest probe ${(outage.slowestMs / 1000).toFixed(1)} s`,
  ];
  if (Object.keys(outage.reasons ?? {}).length) lines.push(`  why: ${statusList(outage.reasons)}`);
  for (const [probe, answers] of Object.entries(outage.probes))
    lines.push(`  probe ${probe}: ${statusList(answers)}`);
  return lines;
}

/**
 * While a dependency is down the API answers 503 for what needs it, and never another 5xx (the hang
 * limit is checked for every request). What needs what: the case list and a case's page read
 * PostgreSQL; an event needs Temporal (and PostgreSQL for its outcome, so 202 is fair then); nothing
 * a teacher does needs SMTP.
 */
export function outageViolations(outage) {
  const violations = [];
  const probe = (label) => outage.probes[label] ?? {};
  const only = (label, allowed, why) => {
    for (const [status, n] of Object.entries(probe(label))) {
      if (!allowed.includes(status))
        violations.push(`while ${outage.what} was down ${label} was answered ${status} ${n} times (${why})`);
    }
  };
  const some503 = (label) => {
    if (!probe(label)['503'])
      violations.push(`while ${outage.what} was down ${label} was never answered 503`);
  };
  for (const [status, n] of Object.entries(outage.answers)) {
    if (Number(status) >= 500 && status !== '503')
      violations.push(`while ${outage.what} was down the API answered ${status} ${n} times`);
  }
  if (outage.what === 'PostgreSQL') {
    only('GET /api/cases', ['503'], 'it reads PostgreSQL');
    some503('GET /api/cases');
    only('POST /api/cases/{id}/events', ['202', '503'], 'nothing can be stored');
  } else if (outage.what === 'Temporal') {
    only('POST /api/cases/{id}/events', ['503'], 'an event is an Update of the case workflow');
    some503('POST /api/cases/{id}/events');
    only('GET /api/cases', ['200'], 'the case list reads PostgreSQL only');
    only('GET /api/cases/{id}', ['200', '503'], 'a case page reads the read model, its live state Temporal');
  } else if (outage.what === 'SMTP') {
    for (const label of Object.keys(outage.probes))
      only(
        label,
        ['200', '201', '202', '503'],
        'no request waits for mail; a 503 is judged by its reason below',
      );
    // A 503 while SMTP is away may only be the one the product gives any slow moment (the workflow did
    // not take the event within its wait; retried with the same key): never one naming a dependency.
    for (const [reason, n] of Object.entries(outage.reasons ?? {})) {
      if (reason.startsWith('503 ') && reason !== '503 workflow-not-responding')
        violations.push(`while SMTP was down the API answered ${reason} ${n} times`);
    }
  }
  return violations;
}
