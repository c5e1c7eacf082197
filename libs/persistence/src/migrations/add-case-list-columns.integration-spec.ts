// Test-only import: infra code may not depend on the testing lib, but its specs need it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { withPgClient } from '@tiltak/testing';
import { createDataSource, runMigrations } from '../data-source';
import { aCaseOpenedEvent, aCaseState, aDeadline, aNoteEvent } from '../testing/case-fixtures';
import { emptyTestDatabase } from '../testing/test-database';
import { CaseEventStore } from '../cases/case-event.store';

// Rows written before the columns existed get them from their state and their audit trail.
describe('AddCaseListColumns1764300000000', () => {
  it('fills escalated from the state and last activity from the people’s events', async () => {
    const db = await emptyTestDatabase();
    await runMigrations(db.migrationUrl, { appRole: db.appRole });
    const owner = createDataSource(db.migrationUrl, { applicationName: 'migration-spec' });
    await owner.initialize();
    const escalated = aCaseState({ deadlines: [aDeadline({ status: 'escalated' })] });
    const paused = aCaseState({ status: 'paused', deadlines: [aDeadline({ status: 'escalated' })] });
    const note = aNoteEvent(escalated, 45);
    const store = new CaseEventStore(owner);
    await store.append({ state: escalated, events: [aCaseOpenedEvent(escalated), note] });
    await store.append({ state: paused, events: [aCaseOpenedEvent(paused)] });
    // Back to the schema before this migration: the rows lose both columns.
    await owner.undoLastMigration({ transaction: 'all' });
    await owner.destroy();

    await runMigrations(db.migrationUrl, { appRole: db.appRole });
    const rows = await withPgClient(db.migrationUrl, async (c) => {
      const { rows } = await c.query<{ case_id: string; escalated: boolean; last_activity_at: Date }>(
        `SELECT case_id, escalated, last_activity_at FROM cases`,
      );
      return new Map(rows.map((r) => [r.case_id, r]));
    });
    expect(rows.get(escalated.caseId)).toMatchObject({ escalated: true });
    expect(rows.get(escalated.caseId)?.last_activity_at.toISOString()).toBe(note.occurredAt);
    expect(rows.get(paused.caseId)).toMatchObject({ escalated: false });
    expect(rows.get(paused.caseId)?.last_activity_at.toISOString()).toBe(paused.openedAt);
  });
});
