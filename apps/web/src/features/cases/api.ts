import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '../../shared/api/client';
import type { paths } from '../../shared/api/schema';
import type { EventType } from '../../shared/labels';

export type CaseView = Schemas['CaseResponseDto'];
export type CaseListItem = Schemas['CaseListItemDto'];
export type CaseListQuery = NonNullable<paths['/api/cases']['get']['parameters']['query']>;

/** The body of POST /cases/{id}/events for one event type, as the OpenAPI document types it. */
export type EventBody =
  | Schemas['RecordStep1ContactEvent']
  | Schemas['RecordMeetingHeldEvent']
  | Schemas['RecordMappingRecordedEvent']
  | Schemas['RecordMeasurePlannedEvent']
  | Schemas['RecordEvaluationRecordedEvent']
  | Schemas['RecordGuardianConsentRecordedEvent']
  | Schemas['RecordReferralSentEvent']
  | Schemas['RecordTeamAdviceRecordedEvent']
  | Schemas['RecordNoteAddedEvent']
  | Schemas['RecordOwnerReassignedEvent']
  | Schemas['RecordCasePausedEvent']
  | Schemas['RecordCaseResumedEvent']
  | Schemas['RecordCaseClosedEvent'];
export type PayloadOf<T extends EventType> = Extract<EventBody, { type: T }>['payload'];

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseListQuery) => ['cases', 'list', query] as const,
  one: (caseId: string) => ['cases', 'one', caseId] as const,
  timeline: (caseId: string) => ['cases', 'timeline', caseId] as const,
  plan: (caseId: string) => ['cases', 'plan', caseId] as const,
};

export function useCaseList(query: CaseListQuery) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/cases', { params: { query } })),
  });
}

export function useCase(caseId: string) {
  return useQuery({
    queryKey: caseKeys.one(caseId),
    queryFn: async () => unwrap(await api.GET('/api/cases/{id}', { params: { path: { id: caseId } } })),
  });
}

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: caseKeys.timeline(caseId),
    queryFn: async () => {
      const entries: Schemas['TimelineEntryDto'][] = [];
      let afterSeq: string | undefined;
      // The whole trail: the audit page shows every event, so it follows every page.
      for (;;) {
        const page = unwrap(
          await api.GET('/api/cases/{id}/timeline', {
            params: { path: { id: caseId }, query: { afterSeq, limit: 200 } },
          }),
        );
        entries.push(...page.entries);
        if (!page.nextAfterSeq) return entries;
        afterSeq = page.nextAfterSeq;
      }
    },
  });
}

export function useActivityPlan(caseId: string) {
  return useQuery({
    queryKey: caseKeys.plan(caseId),
    queryFn: async () =>
      unwrap(
        await api.GET('/api/cases/{id}/activity-plan', {
          params: { path: { id: caseId }, query: { format: 'json' } },
        }),
      ),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records one event. 202 (the workflow has not answered yet) is followed until the event is
 * recorded, so the form reports the outcome rather than "maybe".
 */
export async function recordEvent(
  caseId: string,
  body: EventBody,
  idempotencyKey: string,
): Promise<'recorded'> {
  const result = await api.POST('/api/cases/{id}/events', {
    params: { path: { id: caseId }, header: { 'Idempotency-Key': idempotencyKey } },
    body,
  });
  if (result.response.status === 202) {
    const accepted = result.data as Schemas['EventAcceptedResponseDto'];
    for (let attempt = 0; attempt < 30; attempt++) {
      await sleep(1000);
      const poll = await api.GET('/api/cases/{id}/events/{eventId}', {
        params: { path: { id: caseId, eventId: accepted.eventId } },
      });
      if (poll.response.status === 200) return 'recorded';
      if (poll.response.status !== 202) unwrap(poll);
    }
    throw new ApiError(503, {
      message: 'Registreringen er mottatt, men ikke bekreftet ennå. Last siden på nytt om litt.',
    });
  }
  unwrap(result);
  return 'recorded';
}

/** After a write: every case view (lists, the case, its trail) may have changed. */
export function useInvalidateCases() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: caseKeys.all });
}

/** The school's staff, for choosing who is responsible; empty when the caller may not list them. */
export function useSchoolStaff(schoolId: string) {
  return useQuery({
    queryKey: ['staff', schoolId],
    queryFn: async () => {
      const result = await api.GET('/api/staff', { params: { query: { schoolId } } });
      return result.response.ok ? (result.data ?? []) : [];
    },
    staleTime: 5 * 60_000,
  });
}

/** The student's name and class for the case page's heading; null when the caller may not read it. */
export function useStudentName(studentId: string | undefined) {
  return useQuery({
    queryKey: ['students', 'one', studentId],
    enabled: studentId !== undefined,
    queryFn: async () => {
      const result = await api.GET('/api/students/{id}', { params: { path: { id: studentId ?? '' } } });
      if (!result.response.ok || !result.data) return null;
      return { name: `${result.data.givenName} ${result.data.familyName}`, className: result.data.className };
    },
  });
}
