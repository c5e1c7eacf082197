import { Injectable } from '@nestjs/common';
import { type CaseOpener, personWhoOpened } from '@tiltak/domain';
import type { AuditTrailEntry } from '@tiltak/persistence';
import type { Caller } from '../auth/caller';
import { CaseAccess } from '../cases/case-access.service';
import { DirectoryStore, EventStore } from '../infrastructure/stores.provider';
import { TIMELINE_DEFAULT_LIMIT, type TimelineQueryDto } from './dto/timeline.query.dto';
import type { TimelineResponseDto } from './dto/timeline.response.dto';
import { staffNames } from '../common/staff-names';

@Injectable()
export class TimelineService {
  constructor(
    private readonly eventStore: EventStore,
    private readonly directoryStore: DirectoryStore,
    private readonly access: CaseAccess,
  ) {}

  /** The audit trail from PostgreSQL (append-only), with each actor's name from the directory. */
  async timeline(caller: Caller, caseId: string, page: TimelineQueryDto = {}): Promise<TimelineResponseDto> {
    await this.access.load(caller, caseId, 'case.timeline');
    const [events, directory] = await Promise.all([this.eventStore.get(), this.directoryStore.get()]);
    const limit = page.limit ?? TIMELINE_DEFAULT_LIMIT;
    const entries = await events.timeline(caseId, {
      limit,
      ...(page.afterSeq !== undefined ? { afterSeq: page.afterSeq } : {}),
    });
    const names = await staffNames(
      directory,
      entries.flatMap((e) => {
        const actor = actorOf(e);
        return actor ? [actor.staffId] : [];
      }),
    );
    // A full page may have more behind it; the client continues after its last entry.
    const nextAfterSeq = entries.length === limit ? (entries[entries.length - 1]?.seq ?? null) : null;
    return { caseId, entries: entries.map((entry) => timelineEntry(entry, names)), nextAfterSeq };
  }
}

/**
 * Who an entry names: the person who recorded it, or for the case's opening (a system entry) the person
 * who asked for it, so the audit trail says who opened the case.
 */
function actorOf(entry: AuditTrailEntry): AuditTrailEntry['actor'] {
  if (entry.actor) return entry.actor;
  return entry.type === 'case-opened' ? personWhoOpened(entry.payload as { openedBy?: CaseOpener }) : null;
}

function timelineEntry(
  entry: AuditTrailEntry,
  names: ReadonlyMap<string, string>,
): TimelineResponseDto['entries'][number] {
  const actor = actorOf(entry);
  const name = actor ? names.get(actor.staffId) : undefined;
  return {
    seq: entry.seq,
    eventId: entry.eventId,
    caseId: entry.caseId,
    type: entry.type,
    origin: entry.origin,
    step: entry.step,
    actor: actor ? { ...actor, ...(name ? { displayName: name } : {}) } : null,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    payload: entry.payload,
  };
}
