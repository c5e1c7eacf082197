// The case workflow's activities, built from their dependencies so tests can pass real or fake ones.
import { ApplicationFailure } from '@temporalio/common';
import type { CaseActivities } from '@tiltak/workflows';
import { OpenCaseExistsError, type CaseEventStore, type DirectoryRepository } from '@tiltak/persistence';

export interface CaseActivityDeps {
  eventStore: Pick<CaseEventStore, 'append'>;
  directory: Pick<DirectoryRepository, 'getCalendars'>;
}

export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    async persistCaseEvents({ state, events }) {
      try {
        await deps.eventStore.append({ state, events });
      } catch (err) {
        // Retrying cannot help: the student already has another open case.
        if (err instanceof OpenCaseExistsError)
          throw ApplicationFailure.nonRetryable(err.message, 'OPEN_CASE_EXISTS');
        throw err;
      }
    },
    // Kept for histories recorded before the notification_requests table was dropped (see the
    // contract): their replays may still schedule it, and there is nothing left for it to write.
    async requestNotifications() {
      return undefined;
    },
    async loadSchoolCalendars({ schoolId }) {
      return deps.directory.getCalendars(schoolId);
    },
  };
}
