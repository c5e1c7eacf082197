import {
  Alert,
  Button,
  Details,
  Field,
  Label,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../shared/api/client';
import { addDays, todayInOslo } from '../../shared/format';
import { t } from './texts';

type Student = Schemas['StudentResponseDto'];
type Reason = Schemas['ConcernProfileDto']['reason'];

/** Sets, changes or removes a student's concern profile (skjerpet aktivitetsplikt: a lower threshold). */
export function ConcernProfileForm({ student }: { student: Student }) {
  const queryClient = useQueryClient();
  const p = student.concernProfile;
  const x = t.profileForm;
  const id = (field: string) => `profile-${student.id}-${field}`;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);

  async function save(concernProfile: Schemas['ConcernProfileDto'] | null) {
    setSending(true);
    setOutcome(null);
    try {
      unwrap(
        await api.PATCH('/api/students/{id}', {
          params: { path: { id: student.id } },
          body: { concernProfile },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['students'] });
      setOutcome({ ok: true, text: concernProfile ? x.saved : x.removed });
    } catch (error) {
      setOutcome({
        ok: false,
        text: error instanceof ApiError ? (error.body.message ?? x.failed) : x.failed,
      });
    } finally {
      setSending(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const found: Record<string, string> = {};
    const percent = Number(String(data.get('lowerThresholdPercent') ?? '').replace(',', '.'));
    if (!Number.isFinite(percent) || percent < 0.5 || percent > 9.5)
      found['lowerThresholdPercent'] = x.percentError;
    const reason = String(data.get('reason') ?? '') as Reason;
    if (!(reason in t.students.reasons)) found['reason'] = x.reasonError;
    const reviewOn = String(data.get('reviewOn') ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reviewOn)) found['reviewOn'] = x.dateError;
    setErrors(found);
    if (Object.keys(found).length === 0) void save({ lowerThresholdPercent: percent, reason, reviewOn });
  }

  return (
    <Details>
      <Details.Summary>{p ? x.change : x.add}</Details.Summary>
      <Details.Content>
        <form noValidate onSubmit={onSubmit} className="event-form__fields">
          <Paragraph data-size="sm">{x.intro}</Paragraph>
          <Textfield
            id={id('lowerThresholdPercent')}
            name="lowerThresholdPercent"
            label={x.percent}
            description={x.percentHint}
            inputMode="decimal"
            defaultValue={p ? String(p.lowerThresholdPercent).replace('.', ',') : '5'}
            error={errors['lowerThresholdPercent']}
          />
          <Field>
            <Label htmlFor={id('reason')}>{x.reason}</Label>
            <Select
              id={id('reason')}
              name="reason"
              defaultValue={p?.reason ?? ''}
              aria-invalid={errors['reason'] ? true : undefined}
            >
              <Select.Option value="">{x.chooseReason}</Select.Option>
              {Object.entries(t.students.reasons).map(([value, label]) => (
                <Select.Option key={value} value={value}>
                  {label}
                </Select.Option>
              ))}
            </Select>
            {errors['reason'] && <ValidationMessage>{errors['reason']}</ValidationMessage>}
          </Field>
          <Textfield
            id={id('reviewOn')}
            name="reviewOn"
            type="date"
            label={x.reviewOn}
            defaultValue={p?.reviewOn ?? addDays(todayInOslo(), 90)}
            error={errors['reviewOn']}
          />
          <div className="event-form__buttons">
            <Button type="submit" loading={sending}>
              {x.save}
            </Button>
            {p && (
              <Button type="button" variant="secondary" onClick={() => void save(null)} disabled={sending}>
                {x.remove}
              </Button>
            )}
          </div>
          <div aria-live="polite">
            {outcome && <Alert data-color={outcome.ok ? 'success' : 'danger'}>{outcome.text}</Alert>}
          </div>
        </form>
      </Details.Content>
    </Details>
  );
}
