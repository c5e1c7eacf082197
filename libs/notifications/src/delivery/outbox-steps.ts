import type { Step } from '@tiltak/domain';
import type { OutboxPayload } from '../outbox/notification-outbox.types';

/** The case step a row's timeline entries belong to; null for rows about no case (the digest). */
export function stepOfPayload(payload: OutboxPayload): Step | null {
  switch (payload.type) {
    case 'case-notice':
      return payload.step;
    case 'delivery-failed':
      return payload.step;
    case 'school-digest':
    case 'case-proposal':
      return null;
  }
}
