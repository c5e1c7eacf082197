import { Alert, Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { calendarDateText, dateTimeText, dueText } from '../../shared/format';
import {
  deadlineLabel,
  eventName,
  roleLabel,
  statusLabel,
  stepTitle,
  triggerLabel,
  type EventType,
  type Step,
} from '../../shared/labels';
import { useSession } from '../../shared/session';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { AbsenceNow } from './absence-now';
import { useCase, useStudentName, type CaseView } from './api';
import { eventForms } from './event-forms';
import { t } from './texts';

const steps: Step[] = [1, 2, 3, 4];

function Ladder({ caseView }: { caseView: CaseView }) {
  const closed = caseView.status === 'closed';
  return (
    <nav aria-label={t.casePage.ladder} className="ladder">
      <ol>
        {steps.map((step) => {
          const current = step === caseView.step && !closed;
          const done = step < caseView.step || (closed && step <= caseView.step);
          return (
            <li
              key={step}
              className={`ladder__step${current ? ' ladder__step--current' : ''}${done ? ' ladder__step--done' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              <span className="ladder__number">{t.casePage.stepN(step)}</span>
              <span className="ladder__title">{stepTitle[step]}</span>
              {current && <span className="visually-hidden">, {t.casePage.currentStep}</span>}
              {done && !current && <span className="visually-hidden">, {t.casePage.doneStep}</span>}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function Deadlines({ caseView }: { caseView: CaseView }) {
  if (caseView.deadlines.length === 0) return <Paragraph>{t.casePage.noDeadlines}</Paragraph>;
  return (
    <ul className="deadline-list">
      {caseView.deadlines.map((d) => (
        <li key={d.id}>
          <strong>{deadlineLabel[d.kind]}</strong>: {dueText(d.dueAt)}{' '}
          {d.status !== 'open' && (
            <Tag data-color={d.status === 'reminded' ? 'warning' : 'danger'}>
              {t.casePage.deadlineStatus[d.status]}
            </Tag>
          )}
          <span className="muted"> ({dateTimeText(d.dueAt)})</span>
        </li>
      ))}
    </ul>
  );
}

function Measures({ caseView }: { caseView: CaseView }) {
  if (caseView.measures.length === 0) return <Paragraph>{t.casePage.noMeasures}</Paragraph>;
  return (
    <ul className="measure-list">
      {caseView.measures.map((m) => (
        <li key={m.measureId}>
          <strong>{m.what}</strong> — {m.how}. {t.casePage.evaluateBy}: {calendarDateText(m.evaluateBy)}.
        </li>
      ))}
    </ul>
  );
}

function Actions({ caseView }: { caseView: CaseView }) {
  const [open, setOpen] = useState<EventType | null>(null);
  const [recorded, setRecorded] = useState<EventType | null>(null);
  if (caseView.allowedActions.length === 0) {
    return (
      <>
        {recorded && (
          <Alert data-color="success" role="status">
            {eventName(recorded)}: {t.casePage.recorded}
          </Alert>
        )}
        <Paragraph>{t.casePage.noActions}</Paragraph>
      </>
    );
  }
  const Form = open ? eventForms[open] : null;
  return (
    <>
      {recorded && (
        <Alert data-color="success" role="status">
          {eventName(recorded)}: {t.casePage.recorded}
        </Alert>
      )}
      <ul className="action-list">
        {caseView.allowedActions.map((type) => (
          <li key={type}>
            <Button
              variant={open === type ? 'primary' : 'secondary'}
              aria-expanded={open === type}
              aria-controls={open === type ? 'event-form' : undefined}
              onClick={() => {
                setRecorded(null);
                setOpen(open === type ? null : type);
              }}
            >
              {t.events[type].title}
            </Button>
          </li>
        ))}
      </ul>
      {Form && open && (
        <div id="event-form">
          <Form
            key={`${open}-${caseView.eventCount}`}
            caseView={caseView}
            onRecorded={() => {
              setRecorded(open);
              setOpen(null);
            }}
            onCancel={() => setOpen(null)}
          />
        </div>
      )}
    </>
  );
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const session = useSession();
  const query = useCase(caseId);
  const studentQuery = useStudentName(query.data?.studentId);
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <title>{`${t.casePage.title} – Tiltakstrappa`}</title>
        <PageHeading>{t.casePage.title}</PageHeading>
        <LoadError error={query.error} />
      </>
    );
  }
  const c = query.data;
  const student = studentQuery.data;
  const checklist = c.checklist;
  const mayAudit =
    session.actingAs.role === 'school-leadership' || session.actingAs.staffId === c.ownerStaffId;
  return (
    <>
      <title>{`${t.casePage.title} – Tiltakstrappa`}</title>
      <PageHeading>{student ? `${student.name}, ${student.className}` : t.casePage.title}</PageHeading>
      <dl className="case-facts">
        <div>
          <dt>{t.casePage.status}</dt>
          <dd>
            {statusLabel[c.status]} · {t.casePage.stepN(c.step)}: {stepTitle[c.step]}{' '}
            {c.overdue && <Tag data-color="danger">{t.list.overdue}</Tag>}{' '}
            {c.escalated && <Tag data-color="warning">{t.list.escalated}</Tag>}
          </dd>
        </div>
        <div>
          <dt>{t.casePage.trigger}</dt>
          <dd>{triggerLabel[c.trigger]}</dd>
        </div>
        <div>
          <dt>{t.casePage.opened}</dt>
          <dd>{dateTimeText(c.openedAt)}</dd>
        </div>
      </dl>
      <Ladder caseView={c} />
      <div className="case-grid">
        {c.status !== 'closed' && <AbsenceNow absence={c.absence} />}
        <Card data-color="neutral" className="case-card">
          <Heading level={2} data-size="xs">
            {t.casePage.checklist}
          </Heading>
          {checklist.length === 0 ? (
            <Paragraph>{t.casePage.checklistDone}</Paragraph>
          ) : (
            <ul className="checklist">
              {checklist.map((item) => (
                <li key={item.code}>{item.text}</li>
              ))}
            </ul>
          )}
        </Card>
        <Card data-color="neutral" className="case-card">
          <Heading level={2} data-size="xs">
            {t.casePage.deadlines}
          </Heading>
          <Deadlines caseView={c} />
        </Card>
        <Card data-color="neutral" className="case-card">
          <Heading level={2} data-size="xs">
            {t.casePage.measures}
          </Heading>
          <Measures caseView={c} />
        </Card>
        {c.assignments.length > 0 && (
          <Card data-color="neutral" className="case-card">
            <Heading level={2} data-size="xs">
              {t.casePage.partners}
            </Heading>
            <ul>
              {c.assignments.map((a) => (
                <li key={a.sourceEventId}>
                  {roleLabel[a.service]} ({a.reason === 'referral' ? 'henvist' : 'eskalert'}{' '}
                  {dateTimeText(a.assignedAt)})
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
      <section aria-labelledby="actions-heading" className="case-actions">
        <Heading level={2} data-size="sm" id="actions-heading">
          {t.casePage.actions}
        </Heading>
        <Actions caseView={c} />
      </section>
      <ul className="case-links">
        {mayAudit && (
          <li>
            <Link asChild>
              <RouterLink to={`/cases/${c.caseId}/audit`}>{t.casePage.auditLink}</RouterLink>
            </Link>
          </li>
        )}
        <li>
          <Link asChild>
            <RouterLink to={`/cases/${c.caseId}/plan`}>{t.casePage.planLink}</RouterLink>
          </Link>
        </li>
      </ul>
    </>
  );
}
