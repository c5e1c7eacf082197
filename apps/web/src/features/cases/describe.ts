// Recorded payloads (audit trail, activity plan) in Norwegian: field names and enum values through the
// same texts the forms use, dates as dates. Unknown fields fall back to their own name.
import { calendarDateText, dateTimeText } from '../../shared/format';
import { deadlineLabel, participantLabel, roleLabel, stepTitle, triggerLabel } from '../../shared/labels';
import { t } from './texts';

const e = t.events;
const fieldLabels: Record<string, string> = {
  kind: 'Type',
  step: 'Trinn',
  heldOn: 'Dato',
  participants: e['meeting-held'].participants,
  studentParticipation: e['meeting-held'].studentParticipation,
  nextMeetingOn: e['meeting-held'].nextMeetingOn,
  summary: 'Oppsummering',
  occurredAt: 'Når',
  absencePercent: 'Fravær (%)',
  effect: e['evaluation-recorded'].effect,
  studentVoice: e['evaluation-recorded'].studentVoice,
  decision: e['evaluation-recorded'].decision,
  advice: e['team-advice-recorded'].advice,
  text: e['note-added'].text,
  talkedWithStudent: 'Snakket med eleven',
  guardiansContacted: 'Snakket med foresatte',
  guardiansView: e['step1-contact'].guardiansView,
  conclusion: e['step1-contact'].conclusion,
  pattern: e['step1-contact'].pattern,
  weekdays: e['step1-contact'].weekdays,
  consecutiveDays: e['step1-contact'].consecutiveDays,
  singleDays: e['step1-contact'].singleDays,
  lateArrivals: e['step1-contact'].lateArrivals,
  leavingEarly: e['step1-contact'].leavingEarly,
  appointmentsOrAssessmentDays: e['step1-contact'].appointmentsOrAssessmentDays,
  consentGiven: e['guardian-consent-recorded'].consentGiven,
  to: e['referral-sent'].to,
  reason: 'Grunn',
  explanation: 'Forklaring',
  newOwnerStaffId: e['owner-reassigned'].newOwner,
  what: e['measure-planned'].what,
  how: e['measure-planned'].how,
  responsible: e['measure-planned'].responsible,
  startsOn: e['measure-planned'].startsOn,
  evaluateBy: e['measure-planned'].evaluateBy,
  ifNotPossible: e['measure-planned'].ifNotPossible,
  areas: 'Kartlegging',
  riskFactors: e['mapping-recorded'].riskFactors,
  school: e['mapping-recorded'].areas.school.title,
  home: e['mapping-recorded'].areas.home.title,
  leisure: e['mapping-recorded'].areas.leisure.title,
  student: e['mapping-recorded'].areas.student.title,
  trigger: t.casePage.trigger,
  absencePercentAtOpening: 'Fravær da saken ble opprettet (%)',
  concernThresholdPercent: 'Bekymringsgrense (%)',
  firstContact: 'Samtalen på trinn 1',
  mappings: 'Kartlegginger',
  recordedAt: 'Registrert',
  plannedAt: 'Avtalt',
  dueAt: t.casePage.dueAt,
  deadlineId: 'Frist',
  service: 'Tjeneste',
  assignedAt: 'Koblet på',
  role: 'Rolle',
  displayName: 'Navn',
};

const valueLabels: Record<string, string> = {
  ...participantLabel,
  ...roleLabel,
  ...triggerLabel,
  ...deadlineLabel,
  ...e['meeting-held'].kinds,
  ...e['meeting-held'].participations,
  ...e['evaluation-recorded'].effects,
  ...e['evaluation-recorded'].decisions,
  ...e['step1-contact'].conclusions,
  ...e['mapping-recorded'].risk,
  ...t.weekdays,
  ...e['measure-planned'].responsibleKinds,
  referral: 'Henvisning',
  escalation: 'Eskalering',
};
const reasonLabels: Record<string, string> = { ...e['case-paused'].reasons, ...e['case-closed'].reasons };
const hidden = new Set(['measureId', 'staffId', 'sourceEventId', 'eventId', 'caseId']);

function value(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '–';
  if (typeof v === 'boolean') return v ? t.form.yes : t.form.no;
  if (Array.isArray(v)) return v.length === 0 ? '–' : v.map((x) => value(key, x)).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .filter(([k]) => !hidden.has(k))
      .map(([k, x]) => `${fieldLabels[k] ?? k}: ${value(k, x)}`)
      .join('; ');
  }
  if (typeof v === 'number')
    return key === 'step' ? `${v}. ${stepTitle[v as 1 | 2 | 3 | 4] ?? ''}` : String(v).replace('.', ',');
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return calendarDateText(s);
  if (/^\d{4}-\d{2}-\d{2}T/.test(s)) return dateTimeText(s);
  if (key === 'reason' && reasonLabels[s]) return reasonLabels[s];
  return valueLabels[s] ?? s;
}

/** A payload as label/value lines, in Norwegian. */
export function describePayload(payload: object): [string, string][] {
  return Object.entries(payload)
    .filter(([k, v]) => !hidden.has(k) && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [fieldLabels[k] ?? k, value(k, v)]);
}
