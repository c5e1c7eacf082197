import type { Schemas } from '../../shared/api/client';
import { addDays, todayInOslo } from '../../shared/format';
import { participantLabel, roleLabel, type EventType, type Role, type Step } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { percentText } from '../../shared/absence-figures';
import { absencePercentNow } from './absence-now';
import { useSchoolStaff } from './api';
import { EventForm, FormReader, type FormProps } from './event-form';
import {
  CheckboxGroup,
  FlagGroup,
  RadioGroup,
  SelectField,
  TextArea,
  TextInput,
  YesCheckbox,
} from './fields';
import { t } from './texts';

type S = Schemas;

const keys = <T extends string>(record: Record<T, string>) => Object.keys(record) as T[];

function Step1ContactForm(p: FormProps) {
  const x = t.events['step1-contact'];
  return (
    <EventForm
      {...p}
      type="step1-contact"
      build={(data) => {
        const r = new FormReader(data);
        const guardiansContacted = r.checked('guardiansContacted');
        r.require(guardiansContacted, 'guardiansContacted', x.guardiansContactedError);
        const payload: S['Step1ContactPayloadDto'] = {
          talkedWithStudent: r.checked('talkedWithStudent'),
          guardiansContacted: true,
          pattern: {
            weekdays: r.all('weekdays'),
            consecutiveDays: r.checked('consecutiveDays'),
            singleDays: r.checked('singleDays'),
            lateArrivals: r.checked('lateArrivals'),
            leavingEarly: r.checked('leavingEarly'),
            appointmentsOrAssessmentDays: r.checked('appointmentsOrAssessmentDays'),
          },
          guardiansView: r.text('guardiansView', { required: true }),
          conclusion: r.choice('conclusion', keys(x.conclusions)),
        };
        return r.result(payload);
      }}
    >
      <CheckboxGroup name="weekdays" legend={x.weekdays} options={t.weekdays} />
      <FlagGroup
        legend={x.pattern}
        flags={[
          ['consecutiveDays', x.consecutiveDays],
          ['singleDays', x.singleDays],
          ['lateArrivals', x.lateArrivals],
          ['leavingEarly', x.leavingEarly],
          ['appointmentsOrAssessmentDays', x.appointmentsOrAssessmentDays],
        ]}
      />
      <YesCheckbox name="talkedWithStudent" label={x.talkedWithStudent} />
      <YesCheckbox name="guardiansContacted" label={x.guardiansContacted} />
      <TextArea name="guardiansView" label={x.guardiansView} description={x.guardiansViewHint} />
      <RadioGroup name="conclusion" legend={x.conclusion} options={x.conclusions} />
    </EventForm>
  );
}

const participantOptions = Object.entries(participantLabel) as [
  S['MeetingHeldPayloadDto']['participants'][number],
  string,
][];

function MeetingHeldForm(p: FormProps) {
  const x = t.events['meeting-held'];
  const today = todayInOslo();
  const defaultKind: S['MeetingHeldPayloadDto']['kind'] =
    p.caseView.step === 2 ? 'step2-meeting' : 'collaboration-meeting';
  return (
    <EventForm
      {...p}
      type="meeting-held"
      build={(data) => {
        const r = new FormReader(data);
        const participants = r.all<S['MeetingHeldPayloadDto']['participants'][number]>('participants');
        r.require(participants.length > 0, 'participants', 'Kryss av hvem som var med.');
        return r.result<S['MeetingHeldPayloadDto']>({
          kind: r.choice('kind', keys(x.kinds)),
          heldOn: r.date('heldOn'),
          participants,
          studentParticipation: r.choice('studentParticipation', keys(x.participations)),
          nextMeetingOn: r.date('nextMeetingOn', 'Sett datoen for neste møte.'),
          summary: r.text('summary', { required: true }),
        });
      }}
    >
      <RadioGroup name="kind" legend={x.kind} options={x.kinds} defaultValue={defaultKind} />
      <TextInput name="heldOn" type="date" label={x.heldOn} defaultValue={today} />
      <CheckboxGroup
        name="participants"
        legend={x.participants}
        options={participantOptions}
        defaultValues={['contact-teacher', 'student', 'guardians']}
      />
      <RadioGroup name="studentParticipation" legend={x.studentParticipation} options={x.participations} />
      <TextInput name="nextMeetingOn" type="date" label={x.nextMeetingOn} defaultValue={addDays(today, 21)} />
      <TextArea name="summary" label={x.summary} />
    </EventForm>
  );
}

const areaKeys = ['school', 'home', 'leisure', 'student'] as const;

function MappingForm(p: FormProps) {
  const x = t.events['mapping-recorded'];
  const analysis = p.caseView.step >= 3;
  const riskOptions = Object.entries(x.risk) as [S['MappingAreaRecordDto']['riskFactors'][number], string][];
  return (
    <EventForm
      {...p}
      type="mapping-recorded"
      intro={analysis ? x.introAnalysis : x.introSimple}
      build={(data) => {
        const r = new FormReader(data);
        const area = (key: (typeof areaKeys)[number]): S['MappingAreaRecordDto'] => ({
          riskFactors: r.all(`${key}.riskFactors`),
          summary: r.text(`${key}.summary`, {
            required: true,
            message: `Oppsummer området «${x.areas[key].title}».`,
          }),
        });
        return r.result<S['MappingRecordedPayloadDto']>({
          areas: {
            school: area('school'),
            home: area('home'),
            leisure: area('leisure'),
            student: area('student'),
          },
        });
      }}
    >
      {areaKeys.map((key) => (
        <fieldset key={key} className="area-fieldset">
          <legend className="area-fieldset__legend">{x.areas[key].title}</legend>
          {analysis && (
            <CheckboxGroup name={`${key}.riskFactors`} legend={x.riskFactors} options={riskOptions} />
          )}
          <TextArea
            name={`${key}.summary`}
            label={`${x.summary}: ${x.areas[key].title.toLowerCase()}`}
            description={x.areas[key].hint}
          />
        </fieldset>
      ))}
    </EventForm>
  );
}

function MeasureForm(p: FormProps) {
  const x = t.events['measure-planned'];
  const session = useSession();
  const staff = useSchoolStaff(p.caseView.schoolId);
  const today = todayInOslo();
  const staffOptions: [string, string][] = [
    [session.actingAs.staffId, x.me(session.actingAs.name)],
    ...(staff.data ?? [])
      .filter((s) => s.active && s.id !== session.actingAs.staffId)
      .map((s): [string, string] => [s.id, `${s.displayName} (${roleLabel[s.role]})`]),
  ];
  return (
    <EventForm
      {...p}
      type="measure-planned"
      build={(data) => {
        const r = new FormReader(data);
        const kind = r.choice<'staff' | 'student' | 'guardians'>('responsibleKind', [
          'staff',
          'student',
          'guardians',
        ]);
        const staffId = r.text('staffId');
        if (kind === 'staff')
          r.require(Boolean(staffId), 'staffId', 'Velg hvem av de ansatte som har ansvaret.');
        return r.result<S['MeasurePlannedPayloadDto']>({
          what: r.text('what', { required: true }),
          responsible: kind === 'staff' ? { kind, staffId } : { kind },
          how: r.text('how', { required: true }),
          startsOn: r.date('startsOn'),
          evaluateBy: r.date('evaluateBy'),
          ifNotPossible: r.text('ifNotPossible', { required: true }),
        });
      }}
    >
      <TextArea name="what" label={x.what} />
      <RadioGroup
        name="responsibleKind"
        legend={x.responsible}
        options={x.responsibleKinds}
        defaultValue="staff"
      />
      <SelectField
        name="staffId"
        label={x.staff}
        placeholder={x.staff}
        options={staffOptions}
        defaultValue={session.actingAs.staffId}
      />
      <TextArea name="how" label={x.how} />
      <TextInput name="startsOn" type="date" label={x.startsOn} defaultValue={today} />
      <TextInput
        name="evaluateBy"
        type="date"
        label={x.evaluateBy}
        description={x.evaluateByHint}
        defaultValue={addDays(today, 21)}
      />
      <TextArea name="ifNotPossible" label={x.ifNotPossible} />
    </EventForm>
  );
}

const decisionsByStep: Record<Step, S['EvaluationRecordedPayloadDto']['decision'][]> = {
  1: [],
  2: ['close-resolved', 'next-step'],
  3: ['close-resolved', 'continue-period', 'next-step'],
  4: ['close-resolved', 'continue-period'],
};

function EvaluationForm(p: FormProps) {
  const x = t.events['evaluation-recorded'];
  const allowed = decisionsByStep[p.caseView.step];
  // The evaluation starts from the absence now (editable): the figure the overview shows for the student.
  const absence = p.caseView.absence;
  const now = absencePercentNow(absence);
  return (
    <EventForm
      {...p}
      type="evaluation-recorded"
      build={(data) => {
        const r = new FormReader(data);
        return r.result<S['EvaluationRecordedPayloadDto']>({
          absencePercent: r.number(
            'absencePercent',
            0,
            100,
            'Skriv fraværet i prosent, et tall fra 0 til 100.',
          ),
          effect: r.choice('effect', keys(x.effects)),
          studentVoice: r.text('studentVoice', { required: true }),
          decision: r.choice('decision', allowed),
        });
      }}
    >
      <TextInput
        name="absencePercent"
        inputMode="decimal"
        label={x.absencePercent}
        defaultValue={now === null ? undefined : now.toLocaleString('nb-NO')}
        description={
          absence && now !== null
            ? x.absencePrefilled(
                percentText(absence.recentPercent),
                percentText(absence.schoolYearPercent),
                percentText(absence.thresholdPercent),
              )
            : undefined
        }
      />
      <RadioGroup name="effect" legend={x.effect} options={x.effects} />
      <TextArea name="studentVoice" label={x.studentVoice} description={x.studentVoiceHint} />
      <RadioGroup
        name="decision"
        legend={x.decision}
        options={allowed.map((d): [typeof d, string] => [d, x.decisions[d]])}
      />
    </EventForm>
  );
}

function ConsentForm(p: FormProps) {
  const x = t.events['guardian-consent-recorded'];
  return (
    <EventForm
      {...p}
      type="guardian-consent-recorded"
      build={(data) => {
        const r = new FormReader(data);
        return r.result({ consentGiven: r.choice('consentGiven', ['yes', 'no']) === 'yes' });
      }}
    >
      <RadioGroup name="consentGiven" legend={x.consentGiven} options={{ yes: t.form.yes, no: t.form.no }} />
    </EventForm>
  );
}

function ReferralForm(p: FormProps) {
  const x = t.events['referral-sent'];
  const targets: S['ReferralSentPayloadDto']['to'][] =
    p.caseView.step === 3 ? ['competence-team'] : ['ppt', 'mobile-team', 'health-nurse'];
  return (
    <EventForm
      {...p}
      type="referral-sent"
      build={(data) => {
        const r = new FormReader(data);
        return r.result({ to: r.choice('to', targets) });
      }}
    >
      <RadioGroup
        name="to"
        legend={x.to}
        options={targets.map((role): [typeof role, string] => [role, roleLabel[role as Role]])}
        defaultValue={targets.length === 1 ? targets[0] : undefined}
      />
    </EventForm>
  );
}

function TeamAdviceForm(p: FormProps) {
  const x = t.events['team-advice-recorded'];
  return (
    <EventForm
      {...p}
      type="team-advice-recorded"
      build={(data) => {
        const r = new FormReader(data);
        return r.result({ advice: r.text('advice', { required: true }) });
      }}
    >
      <TextArea name="advice" label={x.advice} />
    </EventForm>
  );
}

function NoteForm(p: FormProps) {
  const x = t.events['note-added'];
  return (
    <EventForm
      {...p}
      type="note-added"
      build={(data) => {
        const r = new FormReader(data);
        return r.result({ text: r.text('text', { required: true }) });
      }}
    >
      <TextArea name="text" label={x.text} />
    </EventForm>
  );
}

function ReassignForm(p: FormProps) {
  const x = t.events['owner-reassigned'];
  const staff = useSchoolStaff(p.caseView.schoolId);
  const teachers = (staff.data ?? []).filter(
    (s) => s.active && s.role === 'contact-teacher' && s.id !== p.caseView.ownerStaffId,
  );
  return (
    <EventForm
      {...p}
      type="owner-reassigned"
      build={(data) => {
        const r = new FormReader(data);
        return r.result({
          newOwnerStaffId: r.text('newOwnerStaffId', { required: true, message: x.choose }),
        });
      }}
    >
      <SelectField
        name="newOwnerStaffId"
        label={x.newOwner}
        placeholder={x.choose}
        options={teachers.map((s): [string, string] => [s.id, s.displayName])}
      />
    </EventForm>
  );
}

/** What pausing and closing both ask: a reason from the list, explained when it is «Annet». */
interface ReasonTexts<R extends string> {
  reason: string;
  reasons: Record<R, string>;
  explanation: string;
  explanationHint: string;
}

function readReason<R extends string>(data: FormData, texts: ReasonTexts<R>) {
  const r = new FormReader(data);
  const reason = r.choice('reason', keys(texts.reasons));
  return r.result({ reason, explanation: r.text('explanation', { required: reason === 'other' }) });
}

function ReasonFields<R extends string>(props: { texts: ReasonTexts<R> }) {
  const { texts: x } = props;
  return (
    <>
      <RadioGroup name="reason" legend={x.reason} options={x.reasons} />
      <TextArea name="explanation" label={x.explanation} description={x.explanationHint} />
    </>
  );
}

function PauseForm(p: FormProps) {
  const x = t.events['case-paused'];
  return (
    <EventForm {...p} type="case-paused" build={(data) => readReason(data, x)}>
      <ReasonFields texts={x} />
    </EventForm>
  );
}

function ResumeForm(p: FormProps) {
  return <EventForm {...p} type="case-resumed" build={() => ({ payload: {} })} />;
}

function CloseForm(p: FormProps) {
  const x = t.events['case-closed'];
  return (
    <EventForm {...p} type="case-closed" build={(data) => readReason(data, x)}>
      <ReasonFields texts={x} />
    </EventForm>
  );
}

/** One form per event type the API may allow. */
export const eventForms: Record<EventType, (p: FormProps) => React.JSX.Element> = {
  'step1-contact': Step1ContactForm,
  'meeting-held': MeetingHeldForm,
  'mapping-recorded': MappingForm,
  'measure-planned': MeasureForm,
  'evaluation-recorded': EvaluationForm,
  'guardian-consent-recorded': ConsentForm,
  'referral-sent': ReferralForm,
  'team-advice-recorded': TeamAdviceForm,
  'note-added': NoteForm,
  'owner-reassigned': ReassignForm,
  'case-paused': PauseForm,
  'case-resumed': ResumeForm,
  'case-closed': CloseForm,
};
