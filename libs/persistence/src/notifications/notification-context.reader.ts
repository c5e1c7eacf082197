// Reads what notices need from the case read model and the directory: who owns a case, how to refer
// to its student, the school's name, and the open cases a digest summarises. Read-only.
import type { Deadline, Step } from '@tiltak/domain';
import type { DataSource } from 'typeorm';

/** How a notice may refer to a case's student (libs/notifications decides which of it to show). */
export interface StudentForReference {
  caseId: string;
  /** e.g. '7B'; null when the school has not recorded it. */
  className: string | null;
  givenName: string | null;
  familyName: string | null;
}

export interface DigestCaseRow {
  caseId: string;
  step: Step;
  status: 'open' | 'paused';
  deadlines: Deadline[];
  student: StudentForReference;
}

export class NotificationContextReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The case owner's staff id (the contact teacher), from the read model; null when unknown. */
  async caseOwnerStaffId(caseId: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT owner_staff_id FROM cases WHERE case_id = $1', [
      caseId,
    ])) as {
      owner_staff_id: string;
    }[];
    return rows[0]?.owner_staff_id ?? null;
  }

  /** Class and names of the case's student, for studentMention(); nulls when the case or student is unknown. */
  async studentForCase(caseId: string): Promise<StudentForReference> {
    const rows = (await this.dataSource.query(
      `SELECT s.class_name, s.given_name, s.family_name
         FROM cases c JOIN students s ON s.id = c.student_id
        WHERE c.case_id = $1`,
      [caseId],
    )) as { class_name: string; given_name: string; family_name: string }[];
    const row = rows[0];
    return {
      caseId,
      className: row?.class_name ?? null,
      givenName: row?.given_name ?? null,
      familyName: row?.family_name ?? null,
    };
  }

  /** What a proposal's notice needs: its school, the contact teacher, and how to refer to the student. */
  async proposalForNotice(proposalId: string): Promise<{
    schoolId: string;
    contactTeacherId: string;
    proposedAt: Date;
    student: Omit<StudentForReference, 'caseId'>;
  } | null> {
    const rows = (await this.dataSource.query(
      `SELECT p.school_id, p.contact_teacher_id, p.proposed_at, s.class_name, s.given_name, s.family_name
         FROM absence_case_proposals p JOIN students s ON s.id = p.student_id
        WHERE p.id = $1`,
      [proposalId],
    )) as {
      school_id: string;
      contact_teacher_id: string;
      proposed_at: Date;
      class_name: string | null;
      given_name: string | null;
      family_name: string | null;
    }[];
    const row = rows[0];
    if (!row) return null;
    return {
      schoolId: row.school_id,
      contactTeacherId: row.contact_teacher_id,
      proposedAt: row.proposed_at,
      student: { className: row.class_name, givenName: row.given_name, familyName: row.family_name },
    };
  }

  async schoolName(schoolId: string): Promise<string | null> {
    const rows = (await this.dataSource.query('SELECT name FROM schools WHERE id = $1', [schoolId])) as {
      name: string;
    }[];
    return rows[0]?.name ?? null;
  }

  async schoolIds(): Promise<string[]> {
    const rows = (await this.dataSource.query('SELECT id FROM schools ORDER BY name, id')) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** The school's cases that are not closed, with their open deadlines. */
  async casesForDigest(schoolId: string): Promise<DigestCaseRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT c.case_id, c.step, c.status, c.deadlines, s.class_name, s.given_name, s.family_name
         FROM cases c LEFT JOIN students s ON s.id = c.student_id
        WHERE c.school_id = $1 AND c.status IN ('open', 'paused')
        ORDER BY c.opened_at, c.case_id`,
      [schoolId],
    )) as {
      case_id: string;
      step: number;
      status: 'open' | 'paused';
      deadlines: Deadline[] | null;
      class_name: string | null;
      given_name: string | null;
      family_name: string | null;
    }[];
    return rows.map((r) => ({
      caseId: r.case_id,
      step: r.step as Step,
      status: r.status,
      deadlines: r.deadlines ?? [],
      student: {
        caseId: r.case_id,
        className: r.class_name,
        givenName: r.given_name,
        familyName: r.family_name,
      },
    }));
  }
}
