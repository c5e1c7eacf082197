import { aCaseState, aDeadline } from '../testing/case-fixtures';
import { CaseEntity } from './case.entity';
import { caseDetailFromEntity, caseListItemFromEntity, caseRowFromState } from './case.mapper';

describe('caseRowFromState', () => {
  it('takes the next deadline from the open deadline due first, comparing times not strings', () => {
    const state = aCaseState({
      deadlines: [
        aDeadline({ id: 'step3-meeting#1', kind: 'step3-meeting', dueAt: '2026-12-01T14:00:00.000Z' }),
        aDeadline({ id: 'step3-referral#1', kind: 'step3-referral', dueAt: '2026-11-30T14:00:00.000Z' }),
      ],
    });
    const row = caseRowFromState(state);
    expect(row.nextDeadlineAt).toBe('2026-11-30T14:00:00.000Z');
    expect(row.nextDeadlineKind).toBe('step3-referral');
  });

  it('compares instants with different offsets by time', () => {
    const earlier = aDeadline({ id: 'a#1', kind: 'step3-meeting', dueAt: '2026-12-01T15:00:00+02:00' });
    const later = aDeadline({ id: 'b#1', kind: 'step3-referral', dueAt: '2026-12-01T14:00:00.000Z' });
    expect(caseRowFromState(aCaseState({ deadlines: [later, earlier] })).nextDeadlineKind).toBe(
      'step3-meeting',
    );
  });

  it('has no next deadline when there are none', () => {
    const row = caseRowFromState(aCaseState({ deadlines: [] }));
    expect(row.nextDeadlineAt).toBeNull();
    expect(row.nextDeadlineKind).toBeNull();
    expect(row.overdue).toBe(false);
  });

  it.each([
    ['open', false],
    ['reminded', false],
    ['missed', true],
    ['escalated', true],
  ] as const)('an open case with a deadline %s is overdue: %s', (status, overdue) => {
    const state = aCaseState({ deadlines: [aDeadline(), aDeadline({ id: 'x#1', status })] });
    expect(caseRowFromState(state).overdue).toBe(overdue);
    // Escalated only once the escalation fired, like the domain's isEscalated.
    expect(caseRowFromState(state).escalated).toBe(status === 'escalated');
  });

  it('does not count a paused case as overdue, but keeps its next deadline', () => {
    const state = aCaseState({
      status: 'paused',
      pausedAt: '2026-11-24T08:00:00.000Z',
      deadlines: [aDeadline({ status: 'missed' })],
    });
    const row = caseRowFromState(state);
    expect(row.overdue).toBe(false);
    expect(row.nextDeadlineAt).toBe('2026-11-23T14:00:00.000Z');
    expect(row.pausedAt).toBe('2026-11-24T08:00:00.000Z');
  });

  it('gives a closed case nothing due, whatever deadlines its state still lists', () => {
    const state = aCaseState({
      status: 'closed',
      closedAt: '2026-11-25T10:00:00.000Z',
      closeReason: 'resolved',
      deadlines: [aDeadline({ status: 'escalated' })],
    });
    const row = caseRowFromState(state);
    expect(row).toMatchObject({
      nextDeadlineAt: null,
      nextDeadlineKind: null,
      overdue: false,
      deadlines: [],
      closedAt: '2026-11-25T10:00:00.000Z',
      closeReason: 'resolved',
    });
    expect(row.state).toBe(state);
  });

  it('copies identity, step, counters and measures from the state', () => {
    const state = aCaseState({ step: 3, eventCount: 17, lastEventAt: '2026-12-10T09:30:00.000Z' });
    expect(caseRowFromState(state)).toMatchObject({
      caseId: state.caseId,
      studentId: state.studentId,
      schoolId: state.schoolId,
      ownerStaffId: state.ownerStaffId,
      trigger: 'absence-percentage',
      step: 3,
      status: 'open',
      openedAt: state.openedAt,
      eventCount: 17,
      lastEventAt: '2026-12-10T09:30:00.000Z',
      measures: [],
    });
  });
});

describe('case rows to read-model objects', () => {
  const state = aCaseState({ step: 2 });
  const row = Object.assign(new CaseEntity(), {
    caseId: state.caseId,
    studentId: state.studentId,
    schoolId: state.schoolId,
    ownerStaffId: state.ownerStaffId,
    trigger: 'lesson-absence',
    step: 2,
    status: 'open',
    openedAt: new Date('2026-11-23T09:00:00.000Z'),
    closedAt: null,
    closeReason: null,
    pausedAt: null,
    nextDeadlineAt: new Date('2026-11-30T14:00:00.000Z'),
    nextDeadlineKind: 'step2-meeting',
    overdue: false,
    escalated: false,
    deadlines: state.deadlines,
    measures: [],
    eventCount: 3,
    lastEventAt: new Date('2026-11-24T09:00:00.000Z'),
    lastActivityAt: new Date('2026-11-23T10:00:00.000Z'),
    updatedAt: new Date('2026-11-24T09:00:01.123Z'),
  });

  it('turns timestamps into ISO instants', () => {
    expect(caseListItemFromEntity(row)).toEqual({
      caseId: state.caseId,
      studentId: state.studentId,
      schoolId: state.schoolId,
      ownerStaffId: state.ownerStaffId,
      trigger: 'lesson-absence',
      step: 2,
      status: 'open',
      openedAt: '2026-11-23T09:00:00.000Z',
      closedAt: null,
      closeReason: null,
      pausedAt: null,
      nextDeadlineAt: '2026-11-30T14:00:00.000Z',
      nextDeadlineKind: 'step2-meeting',
      overdue: false,
      escalated: false,
      deadlines: state.deadlines,
      measures: [],
      eventCount: 3,
      lastEventAt: '2026-11-24T09:00:00.000Z',
      lastActivityAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-24T09:00:01.123Z',
    });
  });

  it('adds the full state to the detail, and refuses a row read without it', () => {
    expect(caseDetailFromEntity(Object.assign(new CaseEntity(), row, { state })).state).toEqual(state);
    expect(() => caseDetailFromEntity(row)).toThrow('state was not selected');
  });
});
