// The absence import workflow's activities (ADR 0009): apply an import, evaluate students with the
// domain's pure rules, append the signals and say which cases to open. Signal ids and case ids are
// deterministic, so a retried activity writes nothing twice and returns the same openings.
import {
  CONCERN_TRIGGERS,
  DEFAULT_DETECTION_POLICY,
  caseAbsencePercent,
  defaultLadderPolicy,
  decideSignals,
  evaluateAttendance,
  firedSignalOutcome,
  osloDate,
  schoolYearOf,
  signalId,
  type DetectionMode,
  type DetectionPolicy,
  type LadderPolicy,
  type LocalDate,
} from '@tiltak/domain';
import {
  caseIdFor,
  proposalIdFor,
  type AbsenceStore,
  type InstallationStore,
  type NewProposal,
  type NewSignal,
  type ProposalStore,
} from '@tiltak/persistence';
import type { AbsenceActivities, CaseOpening } from '@tiltak/workflows';
import { sanitizedPersistenceFailure } from './persistence-failure';

export interface AbsenceActivityDeps {
  absence: AbsenceStore;
  installation: Pick<InstallationStore, 'id'>;
  policy?: DetectionPolicy;
  /** ABSENCE_DETECTION_MODE: open the case (default) or propose it to the contact teacher (ADR 0015). */
  mode?: DetectionMode;
  proposals: Pick<ProposalStore, 'idsOfRun'>;
  /** The ladder the daily run's cases start on (the API passes its own to each import). */
  ladderPolicy?: LadderPolicy;
  /** Students evaluated per database round trip. */
  batchSize?: number;
  /** Where each import's phase times go (milliseconds and counts only: no personal data). */
  logger?: { info(message: string, meta?: Record<string, unknown>): void };
}

/** Milliseconds spent per phase, summed over a run's batches. */
function phaseClock() {
  const totals: Record<string, number> = {};
  return {
    totals,
    async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
      const start = performance.now();
      try {
        return await work();
      } finally {
        totals[phase] = (totals[phase] ?? 0) + performance.now() - start;
      }
    },
    add(phase: string, ms: number) {
      totals[phase] = (totals[phase] ?? 0) + ms;
    },
  };
}

const roundedMs = (totals: Record<string, number>) =>
  Object.fromEntries(Object.entries(totals).map(([k, v]) => [`${k}Ms`, Math.round(v)]));

export function createAbsenceActivities(deps: AbsenceActivityDeps): AbsenceActivities {
  const policy = deps.policy ?? DEFAULT_DETECTION_POLICY;
  const batchSize = deps.batchSize ?? 200;
  const mode = deps.mode ?? 'open';
  return {
    async applyAbsenceImport({ importId }) {
      try {
        const clock = phaseClock();
        const result = await clock.time('total', () => deps.absence.apply(importId, clock.add));
        deps.logger?.info('Absence import phases', {
          importId,
          activity: 'apply',
          rows: result.rowsApplied,
          students: result.changedStudentIds.length,
          ...roundedMs(clock.totals),
        });
        return result;
      } catch (err) {
        throw sanitizedPersistenceFailure(err, 'the absence import');
      }
    },

    async detectAbsenceConcerns({ studentIds, importId, asOf }) {
      const today: LocalDate = asOf ?? osloDate(new Date().toISOString());
      const yearStart = `${schoolYearOf(today).slice(0, 4)}-08-01`;
      const runKey = importId ?? `daily:${today}`;
      let signalsFired = 0;
      const openings: CaseOpening[] = [];
      const clock = phaseClock();
      const started = performance.now();
      try {
        const installationId = await deps.installation.id();
        for (let i = 0; i < studentIds.length; i += batchSize) {
          const students = await clock.time('load', () =>
            deps.absence.loadForDetection(studentIds.slice(i, i + batchSize), yearStart, today, clock.add),
          );
          const evaluating = performance.now();
          const signals: NewSignal[] = [];
          const newProposals: NewProposal[] = [];
          const figures: Parameters<AbsenceStore['recordDetection']>[1][number][] = [];
          for (const s of students) {
            const result = evaluateAttendance(s.days, today, s.concernProfile, policy);
            const blockers = { hasOpenCase: s.hasOpenCase, hasPendingProposal: s.hasPendingProposal };
            const decision = decideSignals(
              result.concerning,
              s.signals,
              s.hasOpenCase || s.hasPendingProposal,
            );
            const outcome = firedSignalOutcome(mode, blockers);
            const caseId =
              decision.openCase && outcome === 'case-opened'
                ? caseIdFor(installationId, s.studentId, s.caseCount)
                : null;
            const fired: string[] = [];
            for (const trigger of CONCERN_TRIGGERS) {
              const firing = decision.fire.includes(trigger);
              if (!firing && !decision.clear.includes(trigger)) continue;
              const crossing = (s.crossings[trigger] ?? 0) + (firing ? 1 : 0);
              const kind = firing ? 'fired' : 'cleared';
              const id = signalId(s.studentId, trigger, kind, crossing);
              if (firing) fired.push(id);
              signals.push({
                id,
                studentId: s.studentId,
                schoolId: s.schoolId,
                trigger,
                kind,
                crossing,
                outcome: firing ? outcome : null,
                caseId: firing ? caseId : null,
                importId,
                runKey,
                evaluatedOn: today,
                figures: result.figures,
                pattern: result.pattern,
              });
            }
            signalsFired += fired.length;
            figures.push({
              studentId: s.studentId,
              schoolId: s.schoolId,
              evaluatedOn: today,
              figures: result.figures,
              pattern: result.pattern,
              concerning: result.concerning,
            });
            const detection = {
              triggers: decision.fire,
              signalIds: fired,
              figures: result.figures,
              pattern: result.pattern,
            };
            if (caseId && decision.primary) {
              openings.push({
                caseId,
                studentId: s.studentId,
                schoolId: s.schoolId,
                ownerStaffId: s.contactTeacherId,
                trigger: decision.primary,
                absencePercent: caseAbsencePercent(result.figures),
                detection,
              });
            }
            if (decision.openCase && outcome === 'case-proposed' && decision.primary && fired[0]) {
              newProposals.push({
                id: proposalIdFor(installationId, fired[0]),
                studentId: s.studentId,
                schoolId: s.schoolId,
                contactTeacherId: s.contactTeacherId,
                trigger: decision.primary,
                absencePercent: caseAbsencePercent(result.figures),
                detection,
                importId,
                runKey,
              });
            }
          }
          clock.add('evaluate', performance.now() - evaluating);
          // Signals and proposals in one transaction: a retry finds no new crossing, and reads the run's proposals.
          await clock.time('record', () => deps.absence.recordDetection(signals, figures, newProposals));
        }
        // A retry after the signals were stored finds no new crossing: the stored ones say what to open.
        const collecting = performance.now();
        {
          const stored = await deps.absence.caseOpeningSignals(runKey);
          for (const signal of stored) {
            if (!signal.caseId || openings.some((o) => o.caseId === signal.caseId)) continue;
            const same = stored.filter((g) => g.caseId === signal.caseId);
            const detected = await deps.absence.loadForDetection([signal.studentId], yearStart, today);
            const owner = detected[0]?.contactTeacherId;
            if (!owner) continue;
            openings.push({
              caseId: signal.caseId,
              studentId: signal.studentId,
              schoolId: signal.schoolId,
              ownerStaffId: owner,
              trigger: signal.trigger,
              absencePercent: caseAbsencePercent(signal.figures),
              detection: {
                triggers: same.map((g) => g.trigger),
                signalIds: same.map((g) => g.id),
                figures: signal.figures,
                pattern: signal.pattern,
              },
            });
          }
        }
        const proposalIds = await deps.proposals.idsOfRun(runKey);
        clock.add('openings', performance.now() - collecting);
        clock.add('total', performance.now() - started);
        deps.logger?.info('Absence import phases', {
          importId,
          activity: 'detect',
          students: studentIds.length,
          openings: openings.length,
          ...roundedMs(clock.totals),
        });
        return { studentsEvaluated: studentIds.length, signalsFired, openings, proposalIds };
      } catch (err) {
        throw sanitizedPersistenceFailure(err, 'the absence detection');
      }
    },

    async studentsDueForDetection({ asOf }) {
      const today: LocalDate = asOf ?? osloDate(new Date().toISOString());
      const yearStart = `${schoolYearOf(today).slice(0, 4)}-08-01`;
      try {
        return { studentIds: await deps.absence.studentsDueForDetection(null, today, yearStart) };
      } catch (err) {
        throw sanitizedPersistenceFailure(err, 'the students due for detection');
      }
    },

    async strandedAbsenceImports({ olderThanMinutes }) {
      try {
        return { imports: await deps.absence.strandedImports(olderThanMinutes) };
      } catch (err) {
        throw sanitizedPersistenceFailure(err, 'the stranded absence imports');
      }
    },

    async currentLadderPolicy() {
      return deps.ladderPolicy ?? defaultLadderPolicy();
    },

    async finishAbsenceImport({ importId, ...counts }) {
      try {
        await deps.absence.finishImport(importId, counts);
      } catch (err) {
        throw sanitizedPersistenceFailure(err, 'the absence import');
      }
    },
  };
}
