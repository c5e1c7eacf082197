import { Alert, Button, ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type ComponentRef, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, unwrap, type Schemas } from '../../shared/api/client';
import { triggerLabel, type Trigger } from '../../shared/labels';
import { useSession } from '../../shared/session';
import { LoadError, Loading, PageHeading } from '../../shared/ui';
import { useInvalidateCases } from './api';
import { FormErrorSummary, FormReader } from './event-form';
import { FormFields, RadioGroup, SelectField, TextInput, type FieldErrors } from './fields';
import { t } from './texts';

const fieldId = (field: string) => `new-case-${field}`;

/** "Ny sak": a contact teacher raises a concern for one of their own students. */
export function NewCasePage() {
  const session = useSession();
  const navigate = useNavigate();
  const invalidate = useInvalidateCases();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [refusal, setRefusal] = useState<{ text: string; location?: string } | null>(null);
  const [sending, setSending] = useState(false);
  const summaryRef = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const schoolId = session.actingAs.schoolId;
  const students = useQuery({
    queryKey: ['students', 'mine', session.actingAs.staffId],
    enabled: schoolId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/api/students', { params: { query: { schoolId: schoolId ?? '' } } })).filter(
        (s) => session.actingAs.role !== 'contact-teacher' || s.contactTeacherId === session.actingAs.staffId,
      ),
  });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const r = new FormReader(new FormData(event.currentTarget));
    const studentId = r.text('studentId', { required: true, message: t.newCase.errorStudent });
    const trigger = r.choice<Trigger>(
      'trigger',
      Object.keys(triggerLabel) as Trigger[],
      t.newCase.errorTrigger,
    );
    const body: Schemas['OpenCaseRequestDto'] = { studentId, trigger };
    if (trigger === 'absence-percentage')
      body.absencePercent = r.number('absencePercent', 0, 100, t.newCase.errorPercent);
    if (Object.keys(r.errors).length > 0) {
      setErrors(r.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setRefusal(null);
    setSending(true);
    try {
      const opened = unwrap(await api.POST('/api/cases', { body }));
      await invalidate();
      void navigate(`/cases/${opened.caseId}`);
    } catch (error) {
      if (error instanceof ApiError) {
        setRefusal({ text: error.body.message ?? t.refusal.generic, location: error.body.location });
      } else {
        setRefusal({ text: t.form.networkError });
      }
    } finally {
      setSending(false);
    }
  }

  const existingCase = refusal?.location?.match(/\/cases\/([0-9a-f-]{36})/)?.[1];
  return (
    <>
      <title>{`${t.newCase.title} – Tiltakstrappa`}</title>
      <PageHeading>{t.newCase.title}</PageHeading>
      <Paragraph>{t.newCase.intro}</Paragraph>
      {students.isPending && schoolId !== null && <Loading />}
      {students.isError && <LoadError error={students.error} />}
      {students.data?.length === 0 && <Paragraph>{t.newCase.noStudents}</Paragraph>}
      {students.data && students.data.length > 0 && (
        <div className="event-form__layout">
          <form noValidate onSubmit={(e) => void onSubmit(e)} className="event-form__fields">
            <FormErrorSummary ref={summaryRef} errors={errors} fieldId={fieldId} />
            <FormFields fieldId={fieldId} errors={errors}>
              <SelectField
                name="studentId"
                label={t.newCase.student}
                placeholder={t.newCase.chooseStudent}
                options={students.data.map((s): [string, string] => [
                  s.id,
                  `${s.givenName} ${s.familyName}, ${s.className}`,
                ])}
              />
              <RadioGroup name="trigger" legend={t.newCase.trigger} options={triggerLabel} />
              <TextInput
                name="absencePercent"
                inputMode="decimal"
                label={t.newCase.absencePercent}
                description={t.newCase.absenceHint}
              />
            </FormFields>
            <Button type="submit" loading={sending}>
              {t.newCase.submit}
            </Button>
          </form>
          <div className="event-form__aside" aria-live="polite">
            {refusal && (
              <Alert data-color="danger">
                <Paragraph>{refusal.text}</Paragraph>
                {existingCase && (
                  <Button variant="secondary" onClick={() => void navigate(`/cases/${existingCase}`)}>
                    Åpne saken
                  </Button>
                )}
              </Alert>
            )}
          </div>
        </div>
      )}
    </>
  );
}
