// The case workflow's activities, built from their dependencies so tests can pass real or fake ones.
import type { CaseActivities } from '@tiltak/workflows';
import type { CaseEventStore, DirectoryRepository, NotificationRequestStore } from '@tiltak/persistence';

export interface CaseActivityDeps {
  eventStore: Pick<CaseEventStore, 'append'>;
  requestStore: Pick<NotificationRequestStore, 'enqueue'>;
  directory: Pick<DirectoryRepository, 'getCalendars'>;
}

export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  return {
    async persistCaseEvents({ state, events }) {
      await deps.eventStore.append({ state, events });
    },
    async requestNotifications({ requests }) {
      await deps.requestStore.enqueue(requests);
    },
    async loadSchoolCalendars({ schoolId }) {
      return deps.directory.getCalendars(schoolId);
    },
  };
}
