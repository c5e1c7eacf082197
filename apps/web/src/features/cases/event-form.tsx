import { Alert, Button, ErrorSummary, Heading, Paragraph } from '@digdir/designsystemet-react';
import {
  useCallback,
  useId,
  useRef,
  useState,
  type ComponentRef,
  type FormEvent,
  type ReactNode,
  type Ref,
} from 'react';
import type { ApiError } from '../../shared/api/client';
import type { EventType } from '../../shared/labels';
import { useSubmission } from '../../shared/use-submission';
import { recordEvent, useInvalidateCases, type CaseView, type EventBody, type PayloadOf } from './api';
import { FormFields, type FieldErrors, type FieldId } from './fields';
import { t } from './texts';

export type Built<T> = { payload: T } | { errors: FieldErrors };

export function refusalText(error: ApiError): string {
  const reason = error.body.message;
  const general =
    error.status === 409 || error.status === 422 || error.status === 403
      ? t.refusal[error.status]
      : t.refusal.generic;
  return reason ? `${reason}` : general;
}

/** The form's errors at its top, each linking to its field; nothing when there are none. */
export function FormErrorSummary({
  ref,
  errors,
  fieldId,
}: {
  ref: Ref<ComponentRef<typeof ErrorSummary>>;
  errors: FieldErrors;
  fieldId: FieldId;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <ErrorSummary ref={ref} tabIndex={-1}>
      <ErrorSummary.Heading>{t.form.errorSummary}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {entries.map(([field, message]) => (
          <ErrorSummary.Item key={field}>
            <ErrorSummary.Link href={`#${fieldId(field)}`}>{message}</ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}

/** What the case page gives every event's form. */
export interface FormProps {
  caseView: CaseView;
  onRecorded: () => void;
  onCancel: () => void;
}

interface EventFormProps<T extends EventType> extends FormProps {
  type: T;
  /** Else the event type's own (texts.ts). */
  intro?: string;
  build: (data: FormData) => Built<PayloadOf<T>>;
  children?: ReactNode;
}

/**
 * One event's form: checks in Norwegian before sending, sends with one Idempotency-Key per
 * submission, and shows the workflow's refusal beside the form in plain words.
 */
export function EventForm<T extends EventType>(props: EventFormProps<T>) {
  const formId = useId().replace(/:/g, '');
  const fieldId: FieldId = useCallback(
    (field) => `${formId}-${field.replace(/[^a-zA-Z0-9]+/g, '-')}`,
    [formId],
  );
  const texts = t.events[props.type];
  const [errors, setErrors] = useState<FieldErrors>({});
  const summaryRef = useRef<ComponentRef<typeof ErrorSummary>>(null);
  const refusalRef = useRef<HTMLDivElement>(null);
  const invalidate = useInvalidateCases();
  const submission = useSubmission((body: EventBody, key: string) =>
    recordEvent(props.caseView.caseId, body, key),
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submission.state.kind === 'sending') return;
    const built = props.build(new FormData(event.currentTarget));
    if ('errors' in built) {
      setErrors(built.errors);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    const body = { type: props.type, payload: built.payload } as EventBody;
    await finish(await submission.submit(body));
  }

  async function finish(result: unknown) {
    if (result === undefined) {
      requestAnimationFrame(() => refusalRef.current?.focus());
      return;
    }
    await invalidate();
    props.onRecorded();
  }

  const state = submission.state;
  return (
    <section className="event-form" aria-labelledby={`${formId}-title`}>
      <Heading level={3} data-size="sm" id={`${formId}-title`}>
        {texts.title}
      </Heading>
      <Paragraph className="event-form__intro">
        {props.intro ?? ('intro' in texts ? texts.intro : '')}
      </Paragraph>
      <div className="event-form__layout">
        <form noValidate onSubmit={(e) => void onSubmit(e)} className="event-form__fields">
          <FormErrorSummary ref={summaryRef} errors={errors} fieldId={fieldId} />
          <FormFields fieldId={fieldId} errors={errors}>
            {props.children}
          </FormFields>
          <div className="event-form__buttons">
            <Button type="submit" loading={state.kind === 'sending'} aria-disabled={state.kind === 'sending'}>
              {state.kind === 'sending' ? t.form.sending : t.form.send}
            </Button>
            <Button type="button" variant="tertiary" onClick={props.onCancel}>
              {t.casePage.closeForm}
            </Button>
          </div>
        </form>
        <div className="event-form__aside" aria-live="polite">
          {state.kind === 'refused' && (
            <Alert data-color="danger" ref={refusalRef} tabIndex={-1}>
              <Heading level={4} data-size="2xs">
                {t.form.refusedTitle}
              </Heading>
              <Paragraph>{refusalText(state.error)}</Paragraph>
            </Alert>
          )}
          {state.kind === 'network-error' && (
            <Alert data-color="warning" ref={refusalRef} tabIndex={-1}>
              <Paragraph>{t.form.networkError}</Paragraph>
              <Button type="button" variant="secondary" onClick={() => void submission.retry().then(finish)}>
                {t.form.retry}
              </Button>
            </Alert>
          )}
        </div>
      </div>
    </section>
  );
}

// Reading FormData into typed payloads, with Norwegian messages for what is missing.
export class FormReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly data: FormData) {}

  text(name: string, opts: { required?: boolean; message?: string } = {}): string {
    const value = String(this.data.get(name) ?? '').trim();
    if (opts.required && !value) this.errors[name] = opts.message ?? t.form.required;
    return value;
  }
  date(name: string, message: string = t.form.date): string {
    const value = String(this.data.get(name) ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) this.errors[name] = message;
    return value;
  }
  number(name: string, min: number, max: number, message: string): number {
    const raw = String(this.data.get(name) ?? '')
      .trim()
      .replace(',', '.');
    const value = Number(raw);
    if (!raw || !Number.isFinite(value) || value < min || value > max) this.errors[name] = message;
    return value;
  }
  checked(name: string): boolean {
    return this.data.get(name) === 'on';
  }
  all<T extends string>(name: string): T[] {
    return this.data.getAll(name).map(String) as T[];
  }
  choice<T extends string>(name: string, allowed: readonly T[], message: string = t.form.chooseOne): T {
    const value = String(this.data.get(name) ?? '') as T;
    if (!allowed.includes(value)) this.errors[name] = message;
    return value;
  }
  require(condition: boolean, name: string, message: string): void {
    if (!condition) this.errors[name] = message;
  }
  result<T>(payload: T): Built<T> {
    return Object.keys(this.errors).length > 0 ? { errors: this.errors } : { payload };
  }
}
