// Deterministic case ids, shared by the API (a person opens a case) and the worker (absence detection
// opens one): the same student and sequence number always give the same id, so two openers of the
// same case start one workflow.
import { uuidV5 } from './uuid-v5';

/**
 * The student's n-th case (0-based, counting closed ones) in this installation. The installation id
 * (a random UUID made by the first migration) keeps two installations sharing a Temporal namespace,
 * both with the same synthetic students, from deriving the same workflow id.
 */
export function caseIdFor(installationId: string, studentId: string, sequence: number): string {
  return uuidV5(`${studentId}#${sequence}`, installationId);
}
