// The activity plan as a printable HTML page in Norwegian bokmål. Every value from the case is escaped;
// the page loads nothing (inline style only), so it prints the same anywhere and leaks nothing.
import { createHash } from 'node:crypto';
import {
  formatLocalDate,
  formatOsloDate,
  formatOsloDateTime,
  escapeHtml,
  norwegianList,
  roleName,
  stepName,
} from '@tiltak/notifications';
import { MAPPING_AREAS } from '@tiltak/domain';
import type { ActivityPlan } from './activity-plan.model';
import {
  ASSIGNMENT_REASON_LABELS,
  AREA_LABELS,
  CONCLUSION_LABELS,
  DECISION_LABELS,
  EFFECT_LABELS,
  MEETING_LABELS,
  PARTICIPATION_LABELS,
  RESPONSIBLE_KIND_LABELS,
  RISK_FACTOR_LABELS,
  STATUS_LABELS,
  TRIGGER_LABELS,
  WEEKDAY_LABELS,
  participantLabel,
  serviceLabel,
} from './activity-plan.labels';

const e = escapeHtml;

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; max-width: 60rem; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.15rem; margin-top: 1.75rem; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
  th, td { border: 1px solid #999; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dt { font-weight: 600; }
  .muted { color: #555; }
  @media print { body { margin: 1cm; } a { color: inherit; text-decoration: none; } }
`;

/** The page's CSP: its one <style> element by hash, nothing else may load, run, frame it or be submitted. */
export const ACTIVITY_PLAN_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderActivityPlanHtml(plan: ActivityPlan): string {
  const studentName = `${plan.student.givenName} ${plan.student.familyName}`;
  const sections = [
    header(plan, studentName),
    problem(plan),
    measures(plan),
    evaluationPlan(plan),
    meetings(plan),
    teamAdvice(plan),
    partners(plan),
    evaluations(plan),
  ];
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Aktivitetsplan – ${e(studentName)}</title>
<style>${STYLE}</style>
</head>
<body>
${sections.join('\n')}
<p class="muted">Laget ${e(formatOsloDateTime(plan.generatedAt))} fra sakens hendelser. Saksnummer ${e(plan.caseId)}.</p>
</body>
</html>
`;
}

function header(plan: ActivityPlan, studentName: string): string {
  return `<h1>Aktivitetsplan</h1>
<p class="muted">Opplæringslova kapittel 12 (§ 12-4): skolens plikt til å undersøke og sette inn tiltak ved bekymringsfullt fravær.</p>
<dl>
  <dt>Elev</dt><dd>${e(studentName)}, klasse ${e(plan.student.className)}</dd>
  <dt>Skole</dt><dd>${e(plan.school.name)}</dd>
  <dt>Kontaktlærer</dt><dd>${e(plan.owner.displayName ?? 'ukjent')}</dd>
  <dt>Saken åpnet</dt><dd>${e(formatOsloDate(plan.openedAt))}</dd>
  <dt>Status</dt><dd>${e(STATUS_LABELS[plan.status])}, ${e(stepName(plan.step))}${plan.closedAt ? ` (avsluttet ${e(formatOsloDate(plan.closedAt))})` : ''}</dd>
</dl>`;
}

function problem(plan: ActivityPlan): string {
  const p = plan.problem;
  const opening =
    p.absencePercentAtOpening !== null
      ? `${e(TRIGGER_LABELS[p.trigger])}: ${e(percent(p.absencePercentAtOpening))} fravær da saken ble åpnet (grensen for eleven er ${e(percent(p.concernThresholdPercent))}).`
      : `${e(TRIGGER_LABELS[p.trigger])}.`;
  const contact = p.firstContact
    ? `<h3>Oppklaring med eleven og foresatte (${e(formatOsloDate(p.firstContact.occurredAt))})</h3>
<dl>
  <dt>Fraværsmønster</dt><dd>${e(patternText(p.firstContact.pattern))}</dd>
  <dt>Samtale med eleven</dt><dd>${p.firstContact.talkedWithStudent ? 'Ja' : 'Nei'}</dd>
  <dt>Foresattes syn</dt><dd>${e(p.firstContact.guardiansView || '–')}</dd>
  <dt>Konklusjon</dt><dd>${e(CONCLUSION_LABELS[p.firstContact.conclusion])}</dd>
</dl>`
    : '';
  const mappings = p.mappings
    .map(
      (m) => `<h3>Kartlegging (${e(formatOsloDate(m.occurredAt))}, ${e(stepName(m.step))})</h3>
<table>
<thead><tr><th>Område</th><th>Risikofaktorer</th><th>Oppsummering</th></tr></thead>
<tbody>
${MAPPING_AREAS.map(
  (area) =>
    `<tr><td>${e(AREA_LABELS[area])}</td><td>${e(norwegianList(m.areas[area].riskFactors.map((r) => RISK_FACTOR_LABELS[r])) || '–')}</td><td>${e(m.areas[area].summary || '–')}</td></tr>`,
).join('\n')}
</tbody>
</table>`,
    )
    .join('\n');
  return `<h2>1. Problemet tiltakene skal løse</h2>
<p>${opening}</p>
${contact}
${mappings}`;
}

function measures(plan: ActivityPlan): string {
  if (plan.measures.length === 0) return `<h2>2. Tiltak</h2>\n<p>Ingen tiltak er planlagt ennå.</p>`;
  const rows = plan.measures
    .map(
      (m) => `<tr>
<td>${e(m.what)}</td>
<td>${e(m.how || '–')}</td>
<td>${e(formatLocalDate(m.startsOn))}</td>
<td>${e(responsibleText(m.responsible))}</td>
<td>${e(formatLocalDate(m.evaluateBy))}</td>
<td>${e(m.ifNotPossible || '–')}</td>
<td>${m.step}</td>
</tr>`,
    )
    .join('\n');
  return `<h2>2. Tiltak</h2>
<table>
<thead><tr><th>Tiltak</th><th>Hvordan</th><th>Fra</th><th>Ansvarlig</th><th>Evalueres innen</th><th>Hvis tiltaket ikke kan gjennomføres</th><th>Trinn</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function evaluationPlan(plan: ActivityPlan): string {
  const next = plan.nextEvaluation
    ? `Neste evaluering av tiltakene senest ${e(formatOsloDateTime(plan.nextEvaluation.dueAt))}.`
    : plan.status === 'closed'
      ? 'Saken er avsluttet.'
      : 'Evalueringstidspunktet settes når tiltakene er i gang.';
  return `<h2>3. Når tiltakene evalueres</h2>
<p>Tiltakene avtales for tre uker om gangen og evalueres deretter. ${next}</p>`;
}

function meetings(plan: ActivityPlan): string {
  if (plan.meetings.length === 0) return '';
  const rows = plan.meetings
    .map(
      (m) => `<tr>
<td>${e(formatLocalDate(m.heldOn))}</td>
<td>${e(MEETING_LABELS[m.kind])}</td>
<td>${e(norwegianList(m.participants.map(participantLabel)))}</td>
<td>${e(PARTICIPATION_LABELS[m.studentParticipation])}</td>
<td>${e(m.summary || '–')}</td>
<td>${e(formatLocalDate(m.nextMeetingOn))}</td>
</tr>`,
    )
    .join('\n');
  return `<h2>Møter</h2>
<table>
<thead><tr><th>Dato</th><th>Møte</th><th>Deltakere</th><th>Eleven</th><th>Oppsummering</th><th>Neste møte</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function teamAdvice(plan: ActivityPlan): string {
  if (plan.teamAdvice.length === 0) return '';
  return `<h2>Råd fra kompetanseteamet</h2>
<ul>
${plan.teamAdvice.map((a) => `<li>${e(formatOsloDate(a.occurredAt))}: ${e(a.advice)}</li>`).join('\n')}
</ul>`;
}

function partners(plan: ActivityPlan): string {
  if (plan.partners.length === 0) return '';
  return `<h2>Samarbeidspartnere</h2>
<ul>
${plan.partners
  .map(
    (p) =>
      `<li>${e(serviceLabel(p.service))}: ${e(ASSIGNMENT_REASON_LABELS[p.reason])} ${e(formatOsloDate(p.assignedAt))} (trinn ${p.step})</li>`,
  )
  .join('\n')}
</ul>`;
}

function evaluations(plan: ActivityPlan): string {
  if (plan.evaluations.length === 0) return '';
  const rows = plan.evaluations
    .map(
      (v) => `<tr>
<td>${e(formatOsloDate(v.occurredAt))}</td>
<td>${v.step}</td>
<td>${e(percent(v.absencePercent))}</td>
<td>${e(EFFECT_LABELS[v.effect])}</td>
<td>${e(v.studentVoice)}</td>
<td>${e(DECISION_LABELS[v.decision])}</td>
</tr>`,
    )
    .join('\n');
  return `<h2>Evalueringer</h2>
<table>
<thead><tr><th>Dato</th><th>Trinn</th><th>Fravær</th><th>Effekt</th><th>Elevens stemme</th><th>Beslutning</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function responsibleText(r: ActivityPlan['measures'][number]['responsible']): string {
  if (r.kind !== 'staff') return RESPONSIBLE_KIND_LABELS[r.kind];
  const role = r.role ? roleName(r.role) : null;
  if (r.displayName && role) return `${r.displayName} (${role})`;
  return r.displayName ?? role ?? RESPONSIBLE_KIND_LABELS.staff;
}

function patternText(pattern: NonNullable<ActivityPlan['problem']['firstContact']>['pattern']): string {
  const parts: string[] = [];
  if (pattern.weekdays.length)
    parts.push(`særlig ${norwegianList(pattern.weekdays.map((d) => WEEKDAY_LABELS[d]))}`);
  if (pattern.consecutiveDays) parts.push('flere dager på rad');
  if (pattern.singleDays) parts.push('enkeltdager');
  if (pattern.lateArrivals) parts.push('kommer for sent');
  if (pattern.leavingEarly) parts.push('går tidlig');
  if (pattern.appointmentsOrAssessmentDays) parts.push('lege, tannlege eller vurderingsdager');
  return parts.length ? norwegianList(parts) : 'ikke noe tydelig mønster';
}

function percent(value: number): string {
  return `${String(value).replace('.', ',')} %`;
}
