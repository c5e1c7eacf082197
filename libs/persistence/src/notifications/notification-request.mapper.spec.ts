import { aNotificationRequest } from '../testing/case-fixtures';
import { NotificationRequestEntity } from './notification-request.entity';
import { notificationRequestFromEntity, notificationRequestParams } from './notification-request.mapper';

describe('notification request mapping', () => {
  it('round-trips a request through its row', () => {
    const request = aNotificationRequest({ roles: ['contact-teacher', 'school-leadership'] });
    const [key, caseId, schoolId, kind, roles, step, deadlineKind, dueAt, requestedAt] =
      notificationRequestParams(request);
    const row = Object.assign(new NotificationRequestEntity(), {
      key,
      caseId,
      schoolId,
      kind,
      roles,
      step,
      deadlineKind,
      dueAt: new Date(dueAt as string),
      requestedAt: new Date(requestedAt as string),
      createdAt: new Date(),
      dispatchedAt: null,
    });
    expect(notificationRequestFromEntity(row)).toEqual(request);
  });

  it('keeps a request without a deadline free of one', () => {
    const request = aNotificationRequest({ kind: 'case-opened', deadlineKind: null, dueAt: null });
    const row = Object.assign(new NotificationRequestEntity(), {
      ...request,
      dueAt: null,
      requestedAt: new Date(request.requestedAt),
    });
    expect(notificationRequestFromEntity(row)).toMatchObject({ deadlineKind: null, dueAt: null });
  });
});
