// The case workflow's activities, built from their dependencies so tests can pass real or fake ones.
import { ApplicationFailure } from '@temporalio/common';
import type { CaseActivities } from '@tiltak/workflows';
import {
  OpenCaseExistsError,
  type CaseEventStore,
  type DirectoryRepository,
  type NotificationRequestStore,
} from '@tiltak/persistence';

export interface CaseActivityDeps {
  eventStore: Pick<CaseEventStore, 'append'>;
  requestStore: Pick<NotificationRequestStore, 'enqueue'>;
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
    async requestNotifications({ requests }) {
      await deps.requestStore.enqueue(requests);
    },
    async loadSchoolCalendars({ schoolId }) {
      return deps.directory.getCalendars(schoolId);
    },
  };
}
