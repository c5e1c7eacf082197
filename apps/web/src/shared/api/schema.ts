// Generated from docs/openapi.json by apps/web/scripts/api-types.mjs (`npm run web:api-types`).
// Do not edit: a test regenerates it and fails when it differs.

export interface paths {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers. */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: PostgreSQL and Temporal reachable; 503 with reasons when not. */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Start signing in: redirects the browser to the sign-in provider (authorization code + PKCE).
         * @description Navigate the browser here (not fetch). After signing in, the provider returns to /api/auth/callback, which sets the session cookie and redirects to returnTo.
         */
        get: operations["AuthController_login"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the sign-in provider returns the browser: sets the session cookie, then redirects to returnTo.
         * @description The person (claim AUTH_OIDC_SUBJECT_CLAIM) must have an active staff row with that oidcSubject; otherwise a Norwegian 403 page answers.
         */
        get: operations["AuthController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person, the assignment they act as, and the CSRF token. */
        get: operations["AuthController_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session/acting-as": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Act as another of your assignments (e.g. as competence team instead of contact teacher).
         * @description Needs X-CSRF-Token. Every later request of the session acts as this staff row.
         */
        put: operations["AuthController_actingAs"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session and clear the cookie.
         * @description Needs X-CSRF-Token while the session is live. Answers endSessionUrl: send the browser there to sign out at the provider too. Without a live session it only clears the cookie.
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The schools the caller may see: their own, or all for municipality-wide staff. */
        get: operations["SchoolsController_list"];
        put?: never;
        /** Create a school (requires the directory:admin scope). */
        post: operations["SchoolsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One school. */
        get: operations["SchoolsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{id}/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every school year's calendar of the school, oldest first (the administration's calendar page). */
        get: operations["SchoolsController_listCalendars"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{id}/calendar/{schoolYear}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A school year's calendar: first and last day, holidays, breaks and planning days. */
        get: operations["SchoolsController_getCalendar"];
        /**
         * Set a school year's calendar (school leadership or directory:admin).
         * @description Deadlines count school days on this calendar. Cases already running keep the calendar they loaded.
         */
        put: operations["SchoolsController_putCalendar"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active staff: a school's (the caller's own by default) together with the municipality-wide services. */
        get: operations["StaffController_list"];
        put?: never;
        /**
         * Add a person with a role, at a school or municipality-wide.
         * @description The school's leadership adds its own school's staff; municipality-wide staff need the directory:admin scope.
         */
        post: operations["StaffController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}/served-schools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set the schools a municipality-wide partner serves (directory:admin).
         * @description A partner (competence team, PPT, mobile team, health nurse) sees a case assigned to its service only at a school it belongs to or serves.
         */
        put: operations["StaffController_setServedSchools"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A school's students (leadership), or the caller's own students (contact teacher). */
        get: operations["StudentsController_list"];
        put?: never;
        /**
         * Register a student (school leadership or directory:admin).
         * @description Names stay in PostgreSQL; cases, workflows and logs use only the pseudonymous id.
         */
        post: operations["StudentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/students/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One student, with the concern profile and the absence threshold that applies. */
        get: operations["StudentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change class, contact teacher, name or concern profile (school leadership or directory:admin). */
        patch: operations["StudentsController_update"];
        trace?: never;
    };
    "/api/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cases the caller may see, filtered and paged (from the read model).
         * @description Contact teachers see the cases they own; leadership its school; the team and partners the cases referred to them.
         */
        get: operations["CasesController_list"];
        put?: never;
        /**
         * Open a concern case for a student (contact teacher or school leadership).
         * @description Starts the case's workflow at step 1; the owner is the student's contact teacher. One open case per student: a second open answers 409 with the open case's Location.
         */
        post: operations["CasesController_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case: step, status, owner, deadlines, measures; live from the workflow while it runs. */
        get: operations["CasesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{id}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The school's cases in figures, for its leadership and directory admins.
         * @description Open cases by step, every case by status, overdue and escalated now, next deadlines this (Oslo) week, open cases without activity for N school days, and per owner. Each figure carries the GET /api/cases request that lists its cases.
         */
        get: operations["SchoolOverviewController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record what happened on a case: a call, a meeting, the mapping, a measure, an evaluation…
         * @description The body is one of the event types (discriminated by `type`); the actor is the caller. The case workflow checks that the step accepts it. Retrying with the same Idempotency-Key returns the same response and never records twice; the same key with another body is refused (422).
         */
        post: operations["CaseEventsController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One event of the case; 202 while the workflow is still recording it. */
        get: operations["CaseEventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail: every event, who, which role, when, at which step, oldest first and paged. Each read is logged. */
        get: operations["TimelineController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cases/{id}/activity-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The student's activity plan (aktivitetsplan, Education Act §12-4), derived from the case's events.
         * @description JSON, or a printable Norwegian HTML document with ?format=html (or Accept: text/html). Each read is logged.
         */
        get: operations["ActivityPlanController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{schoolId}/absence-imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import lesson attendance from a CSV file (school leadership).
         * @description The school administration system’s lesson attendance export, streamed (up to 100 MB, never held in memory). UTF-8 with or without BOM; `;` or `,` as separator (whichever the header line uses); RFC 4180 quotes. Header columns (any order): student_ref, date (YYYY-MM-DD), period (1–20), subject, status (present | absent | late | left-early | present-not-in-class) and the optional teacher_ref, minutes (required for late, 1–600) and reason (illness | appointment | permission | unknown). A record is upserted by (student, date, period): a later import corrects an earlier one, the same file twice changes nothing. A wrong or missing column answers 422 naming it; bad rows are listed on the import with line and field. The import then runs as a workflow: poll the Location for rows applied, rejected and why, and the cases detection opened.
         */
        post: operations["AbsenceController_importCsv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{schoolId}/absence-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import lesson attendance as JSON (integrations; up to 500 records a request).
         * @description The same checks, upsert and detection as the CSV import; an error’s line is the record’s position (1-based).
         */
        post: operations["AbsenceController_importRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{schoolId}/absence-imports/{importId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import: rows read, applied, unchanged and rejected (with line, field and why), and what detection did. */
        get: operations["AbsenceController_getImport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{schoolId}/absence-overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every student’s absence figures and trend, the flags, and the students over a threshold without an open case (school leadership). */
        get: operations["AbsenceController_overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schools/{schoolId}/absence-proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases absence detection proposes (ABSENCE_DETECTION_MODE=propose): the leadership sees the school’s, a contact teacher their own students’. */
        get: operations["AbsenceProposalsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/absence-proposals/{proposalId}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirms a proposed case: the case opens with the step-1 deadline from the proposal’s moment. Again: the same answer. */
        post: operations["AbsenceProposalsController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/absence-proposals/{proposalId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Dismisses a proposed case with a reason from a closed list; the decision is kept (append-only). */
        post: operations["AbsenceProposalsController_dismiss"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/codec/decode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decrypt Temporal payloads for the Temporal UI (token scope codec:decode).
         * @description Temporal's remote codec protocol. Point the UI at /codec (--ui-codec-endpoint) and let it pass the user's access token. Without a token the payloads come back unchanged (still encrypted), so the UI keeps working for operations staff who may see workflows but not what they carry.
         */
        post: operations["CodecController_decode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/codec/encode": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Encrypt payloads with the active key (token scope codec:encode). */
        post: operations["CodecController_encode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        FieldErrorDto: {
            /** @example payload.conclusion */
            field: string;
            /** @example must be one of explained, concern-remains */
            message: string;
        };
        ErrorResponseDto: {
            /**
             * @example VALIDATION_FAILED
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "BAD_REQUEST" | "UNAUTHENTICATED" | "SESSION_EXPIRED" | "FORBIDDEN" | "CSRF_TOKEN_INVALID" | "NOT_FOUND" | "CONFLICT" | "IDEMPOTENCY_KEY_REUSED" | "IDEMPOTENCY_KEY_MISSING" | "REQUEST_IN_PROGRESS" | "EVENT_REJECTED" | "UNPROCESSABLE" | "DEPENDENCY_UNAVAILABLE" | "PAYLOAD_TOO_LARGE" | "RATE_LIMITED" | "UNSUPPORTED_MEDIA_TYPE" | "INTERNAL_ERROR";
            message: string;
            fieldErrors?: components["schemas"]["FieldErrorDto"][];
            /**
             * @description A machine-readable reason, e.g. the workflow's rejection code.
             * @example PREREQUISITE_MISSING
             */
            reason?: string;
            /** @description Where the conflicting or pending resource is. */
            location?: string;
            /** @description Quote this when reporting a 500. */
            errorId?: string;
            requestId?: string;
        };
        SessionPersonDto: {
            /** @example Ingrid Haugen */
            name: string;
        };
        StaffAssignmentDto: {
            /** Format: uuid */
            staffId: string;
            /** @example Ingrid Haugen */
            name: string;
            /** @enum {string} */
            role: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
            /**
             * Format: uuid
             * @description null: municipality-wide.
             */
            schoolId: string | null;
            /** @example Fjordvik barneskole */
            schoolName: string | null;
        };
        SessionResponseDto: {
            person: components["schemas"]["SessionPersonDto"];
            /** @description The staff row every request of this session acts as. */
            actingAs: components["schemas"]["StaffAssignmentDto"];
            /** @description Every active assignment of the person; PUT /api/auth/session/acting-as switches between them. */
            assignments: components["schemas"]["StaffAssignmentDto"][];
            /** @description Send as X-CSRF-Token on every request other than GET, HEAD and OPTIONS made with the session cookie. */
            csrfToken: string;
            /**
             * Format: date-time
             * @description Each request moves it on (AUTH_SESSION_IDLE_MINUTES).
             */
            idleExpiresAt: string;
            /**
             * Format: date-time
             * @description The session ends then at the latest (AUTH_SESSION_ABSOLUTE_HOURS).
             */
            absoluteExpiresAt: string;
        };
        ActingAsRequestDto: {
            /**
             * Format: uuid
             * @description One of the session's assignments (its staffId).
             */
            staffId: string;
        };
        LogoutResponseDto: {
            /** @description The sign-in provider's logout page (RP-initiated logout) to send the browser to, or null when it has none. */
            endSessionUrl: string | null;
        };
        CreateSchoolRequestDto: {
            /** @example Fjordvik skole */
            name: string;
            /** @example Fjordvik kommune */
            municipality: string;
        };
        SchoolResponseDto: {
            /** Format: uuid */
            id: string;
            name: string;
            municipality: string;
            /** Format: date-time */
            createdAt: string;
        };
        ClosedPeriodDto: {
            /** @example 2026-12-19 */
            from: string;
            /** @example 2027-01-03 */
            to: string;
            /** @enum {string} */
            kind: "holiday" | "break" | "planning-day";
            /** @example Juleferie */
            name: string;
        };
        SchoolCalendarResponseDto: {
            /** Format: uuid */
            schoolId: string;
            /** @example 2026-2027 */
            schoolYear: string;
            /** @example 2026-08-18 */
            firstDay: string;
            /** @example 2027-06-22 */
            lastDay: string;
            closedPeriods: components["schemas"]["ClosedPeriodDto"][];
        };
        SchoolCalendarRequestDto: {
            /** @example 2026-08-18 */
            firstDay: string;
            /** @example 2027-06-22 */
            lastDay: string;
            /** @description Holidays, breaks and planning days; both ends inclusive. */
            closedPeriods: components["schemas"]["ClosedPeriodDto"][];
        };
        CreateStaffRequestDto: {
            /** @example Ingrid Haugen */
            displayName: string;
            /** @example ingrid.haugen@example.no */
            email: string;
            /** @enum {string} */
            role: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
            /**
             * Format: uuid
             * @description The school, or null for municipality-wide staff (PPT, mobile team, health nurse).
             */
            schoolId: string | null;
            /** @description Municipality-wide partners (competence team, PPT, mobile team, health nurse) only: the schools they serve. They see a case assigned to their service only at these schools. */
            servesSchoolIds?: string[];
            /**
             * @description Who signs in to the web app as this staff member: the person's id at the sign-in provider (Feide's user id, the claim AUTH_OIDC_SUBJECT_CLAIM names). Several staff rows of one person share it.
             * @example ingrid.haugen@fjordvik.kommune.no
             */
            oidcSubject?: string | null;
        };
        StaffResponseDto: {
            /** Format: uuid */
            id: string;
            displayName: string;
            email: string;
            /** @enum {string} */
            role: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
            /**
             * Format: uuid
             * @description null: municipality-wide.
             */
            schoolId: string | null;
            /** @description Municipality-wide partners: the schools they serve; empty for everyone else. */
            servesSchoolIds: string[];
            /** @description Who signs in as this staff member (the sign-in provider's user id); null: nobody. */
            oidcSubject: string | null;
            active: boolean;
        };
        ServedSchoolsRequestDto: {
            /**
             * @example [
             *       "d0000000-0000-4000-8000-000000000001"
             *     ]
             */
            schoolIds: string[];
        };
        ConcernProfileDto: {
            /** @example 5 */
            lowerThresholdPercent: number;
            /**
             * @description The ground, never health details: function level, family situation, traits.
             * @enum {string}
             */
            reason: "function-level" | "family-situation" | "traits" | "other";
            /**
             * @description When the profile is reviewed.
             * @example 2026-11-23
             */
            reviewOn: string;
        };
        CreateStudentRequestDto: {
            /** Format: uuid */
            schoolId: string;
            /** @example 5A */
            className: string;
            /**
             * Format: uuid
             * @description The student's contact teacher (kontaktlærer) at the school; owns the student's cases.
             */
            contactTeacherId: string;
            /** @example Mia */
            givenName: string;
            /** @example Johansen */
            familyName: string;
            concernProfile?: components["schemas"]["ConcernProfileDto"] | null;
            /**
             * @description The school administration system's student reference, unique per school: absence imports name the student by it.
             * @example VFS-00001
             */
            externalRef?: Record<string, never> | null;
        };
        StudentResponseDto: {
            /**
             * Format: uuid
             * @description Pseudonymous: the only id cases, workflows and logs use.
             */
            id: string;
            /** Format: uuid */
            schoolId: string;
            className: string;
            /** Format: uuid */
            contactTeacherId: string;
            givenName: string;
            familyName: string;
            concernProfile: components["schemas"]["ConcernProfileDto"] | null;
            /**
             * @description The absence share (%) at which absence is concerning for this student.
             * @example 10
             */
            concernThresholdPercent: number;
            /** @description The school administration system's reference (absence imports name the student by it). */
            externalRef: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        UpdateStudentRequestDto: {
            /** @example 6A */
            className?: string;
            /**
             * Format: uuid
             * @description A new contact teacher; open cases keep their owner until reassigned.
             */
            contactTeacherId?: string;
            givenName?: string;
            familyName?: string;
            /** @description null removes the profile. */
            concernProfile?: components["schemas"]["ConcernProfileDto"] | null;
            /**
             * @description The school administration system's student reference, unique per school: absence imports name the student by it.
             * @example VFS-00001
             */
            externalRef?: Record<string, never> | null;
        };
        OpenCaseRequestDto: {
            /** Format: uuid */
            studentId: string;
            /**
             * @description Which of the four concern triggers raised it.
             * @enum {string}
             */
            trigger: "absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival";
            /**
             * @description The absence share (%) that raised it; required for absence-percentage.
             * @example 12.5
             */
            absencePercent?: number;
        };
        CaseDetectionDto: {
            /** @description Every trigger that crossed, the case’s own first. */
            triggers: ("absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival")[];
            /**
             * Format: date
             * @description The day the figures are from.
             */
            evaluatedOn: string;
            /** @description The threshold (%) that applied to the student. */
            thresholdPercent: number;
            /** @description Absent share this school year (%). */
            schoolYearPercent: number | null;
            /** @description Absent share over the last 4 school weeks (%). */
            recentPercent: number | null;
            /** @description Late arrivals and early departures in the last 4 school weeks. */
            lateOrEarlyRecent: number;
            /** @description Lessons present at school but not in class, last 4 school weeks. */
            presentNotInClassRecent: number;
            /** @description Subject codes the absence concentrates on. */
            subjects: string[];
            /** @description The pattern found, in the step-1 form’s shape (prefill). */
            pattern: components["schemas"]["AbsencePatternDto"];
        };
        NextDeadlineDto: {
            /** @enum {string} */
            kind: "step1-contact" | "step2-meeting" | "step2-evaluation" | "step3-referral" | "step3-meeting" | "step3-evaluation" | "step4-meeting" | "step4-evaluation";
            /** Format: date-time */
            dueAt: string;
        };
        DeadlineDto: {
            /** @example step2-meeting#2 */
            id: string;
            /** @enum {string} */
            kind: "step1-contact" | "step2-meeting" | "step2-evaluation" | "step3-referral" | "step3-meeting" | "step3-evaluation" | "step4-meeting" | "step4-evaluation";
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
            /** Format: date-time */
            dueAt: string;
            /** Format: date-time */
            remindAt: string;
            /** Format: date-time */
            escalateAt: string;
            /** @enum {string} */
            status: "open" | "reminded" | "missed" | "escalated";
        };
        MeasureDto: {
            measureId: string;
            what: string;
            responsible: components["schemas"]["MeasureResponsibleDto"];
            how: string;
            /** @example 2026-11-23 */
            startsOn: string;
            /** @example 2026-12-14 */
            evaluateBy: string;
            ifNotPossible: string;
            /**
             * @description The step the measure was planned at.
             * @enum {number}
             */
            step: 1 | 2 | 3 | 4;
        };
        PartnerAssignmentDto: {
            /** @enum {string} */
            service: "competence-team" | "ppt" | "mobile-team" | "health-nurse";
            /** @enum {string} */
            reason: "referral" | "escalation";
            /** @description The referral-sent, deadline-missed or escalated event that named the service. */
            sourceEventId: string;
            /** Format: date-time */
            assignedAt: string;
        };
        CaseProgressDto: {
            meetingHeld: boolean;
            mappingRecorded: boolean;
            /** @description Step 3: null until the guardians have answered. */
            consentGiven: boolean | null;
            referralSent: boolean;
            teamAdviceRecorded: boolean;
            evaluations: number;
        };
        ChecklistItemDto: {
            /**
             * @description Stable, for programs.
             * @enum {string}
             */
            code: "step1-contact" | "step2-meeting" | "step2-measure" | "step3-consent" | "step3-referral" | "step3-team-meeting" | "step3-team-advice" | "step4-collaboration-meeting";
            /** @description For people, in Norwegian bokmål. */
            text: string;
        };
        CaseLinksDto: {
            /** @example /api/cases/9b1c… */
            self: string;
            /** @description POST events here (Idempotency-Key required). */
            events: string;
            timeline: string;
            activityPlan: string;
        };
        CaseAbsenceDto: {
            /**
             * Format: date
             * @description The day the figures were computed.
             */
            evaluatedOn: string;
            /** @description The threshold (%) that applies to the student (lower with a concern profile). */
            thresholdPercent: number;
            /** @description Absent share of registered lessons this school year (%). */
            schoolYearPercent: number | null;
            /** @description The same over the last 4 school weeks (%). */
            recentPercent: number | null;
            /** @description The 4 school weeks before those (%). */
            previousPercent: number | null;
            /** @enum {string} */
            trend: "rising" | "falling" | "stable" | "unknown";
            lessonsRegistered: number;
            wholeDaysAbsent: number;
            /** @description Late arrivals in the last 4 school weeks. */
            lateArrivalsRecent: number;
            /** @description Early departures in the last 4 school weeks. */
            earlyDeparturesRecent: number;
            /** @description Lessons present at school but not in class, last 4 school weeks. */
            presentNotInClassRecent: number;
            /** @description Weekdays the absence concentrates on. */
            weekdays: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday")[];
            /** @description Subject codes the absence concentrates on. */
            subjects: string[];
            /** @description Teacher references the absence concentrates on. */
            teachers: string[];
            /** @description Triggers over their threshold now. */
            flags: ("absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival")[];
        };
        CaseResponseDto: {
            /** Format: uuid */
            caseId: string;
            /**
             * Format: uuid
             * @description Pseudonymous; GET /students/{id} for the name.
             */
            studentId: string;
            /** Format: uuid */
            schoolId: string;
            /** Format: uuid */
            ownerStaffId: string;
            /** @enum {string} */
            trigger: "absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival";
            /** @description Only on a case the system opened from absence data: the trigger, figures and pattern (ADR 0009). */
            detection?: components["schemas"]["CaseDetectionDto"];
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
            /** @enum {string} */
            status: "open" | "paused" | "closed";
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            closedAt: string | null;
            closeReason: string | null;
            /** Format: date-time */
            pausedAt: string | null;
            nextDeadline: components["schemas"]["NextDeadlineDto"] | null;
            /** @description An open deadline was missed or escalated. */
            overdue: boolean;
            /** @description An open deadline's escalation has fired (leadership or partner services were told it was missed) and nobody has met it since. */
            escalated: boolean;
            /** @description Open deadlines. */
            deadlines: components["schemas"]["DeadlineDto"][];
            measures: components["schemas"]["MeasureDto"][];
            /** @description The partner services a referral or escalation brought into the case (need to know). */
            assignments: components["schemas"]["PartnerAssignmentDto"][];
            progress: components["schemas"]["CaseProgressDto"];
            /** @description The texts of the checklist items that hold up the step's evaluation, in Norwegian (see checklist). */
            outstanding: string[];
            /** @description What the current step still lacks, in the order the guide takes it; empty once closed. */
            checklist: components["schemas"]["ChecklistItemDto"][];
            /** @description The event types the caller may post now: the case accepts them at its status and step with what is recorded so far (the workflow can still refuse a payload, e.g. a meeting kind of another step), and the caller's role may record them. */
            allowedActions: ("step1-contact" | "meeting-held" | "mapping-recorded" | "measure-planned" | "evaluation-recorded" | "guardian-consent-recorded" | "referral-sent" | "team-advice-recorded" | "note-added" | "owner-reassigned" | "case-paused" | "case-resumed" | "case-closed")[];
            /**
             * @deprecated
             * @description The same list as allowedActions (its earlier name).
             */
            allowedEventTypes: ("step1-contact" | "meeting-held" | "mapping-recorded" | "measure-planned" | "evaluation-recorded" | "guardian-consent-recorded" | "referral-sent" | "team-advice-recorded" | "note-added" | "owner-reassigned" | "case-paused" | "case-resumed" | "case-closed")[];
            eventCount: number;
            /**
             * Format: date-time
             * @description The latest event, the system's (reminders, escalations) included.
             */
            lastEventAt: string;
            /**
             * @description live: answered by the workflow (the answer to opening a case, or a case whose row is not stored yet); read-model: the state the workflow last stored, as GET answers it.
             * @enum {string}
             */
            source: "live" | "read-model";
            links: components["schemas"]["CaseLinksDto"];
            /** @description The student's absence now (the figures the school's absence overview shows), on GET of the case; null until an import has named the student. */
            absence?: components["schemas"]["CaseAbsenceDto"] | null;
        };
        CaseListStudentDto: {
            /** @description Given and family name. */
            name: string;
            className: string;
        };
        CaseOwnerDto: {
            /** Format: uuid */
            staffId: string;
            /** @description null when the directory has no such staff member. */
            name: string | null;
        };
        CaseListItemDto: {
            /** Format: uuid */
            caseId: string;
            /**
             * Format: uuid
             * @description Pseudonymous; GET /students/{id} for the name.
             */
            studentId: string;
            /** Format: uuid */
            schoolId: string;
            /** Format: uuid */
            ownerStaffId: string;
            /** @enum {string} */
            trigger: "absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival";
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
            /** @enum {string} */
            status: "open" | "paused" | "closed";
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            closedAt: string | null;
            nextDeadline: components["schemas"]["NextDeadlineDto"] | null;
            /** @description An open deadline was missed or escalated. */
            overdue: boolean;
            /** @description An open deadline's escalation has fired (leadership or partner services were told it was missed) and nobody has met it since. */
            escalated: boolean;
            /**
             * Format: date-time
             * @description The latest event, the system's (reminders, escalations) included.
             */
            lastEventAt: string;
            /**
             * Format: date-time
             * @description When a person last opened the case or recorded an event on it; reminders, escalations and notices do not count.
             */
            lastActivityAt: string;
            /** @description Everyone who may see a case may read its student (need to know: docs/api.md), so this is null only when the directory has no such student. Personal data: never put it in a URL or the browser's storage. */
            student: components["schemas"]["CaseListStudentDto"] | null;
            owner: components["schemas"]["CaseOwnerDto"];
            /** @description The case: GET it for deadlines, measures and what the caller may record. */
            link: string;
        };
        CaseListResponseDto: {
            /** @description Next deadline first; cases without one last. */
            items: components["schemas"]["CaseListItemDto"][];
            /** @description Matching cases across all pages. */
            total: number;
            /** @description Pass as cursor for the next page; null on the last. */
            nextCursor: string | null;
        };
        OverviewWeekDto: {
            /**
             * Format: date-time
             * @description Monday 00:00, Oslo time.
             */
            from: string;
            /**
             * Format: date-time
             * @description The next Monday 00:00, Oslo time (not included).
             */
            to: string;
        };
        StepFigureDto: {
            count: number;
            /**
             * @description GET this (a path with its query string) to list the cases counted, within what the caller may see.
             * @example /api/cases?schoolId=d0000000-0000-4000-8000-000000000001&overdue=true
             */
            query: string;
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
        };
        StatusFigureDto: {
            count: number;
            /**
             * @description GET this (a path with its query string) to list the cases counted, within what the caller may see.
             * @example /api/cases?schoolId=d0000000-0000-4000-8000-000000000001&overdue=true
             */
            query: string;
            /** @enum {string} */
            status: "open" | "paused" | "closed";
        };
        OverviewFigureDto: {
            count: number;
            /**
             * @description GET this (a path with its query string) to list the cases counted, within what the caller may see.
             * @example /api/cases?schoolId=d0000000-0000-4000-8000-000000000001&overdue=true
             */
            query: string;
        };
        OwnerFiguresDto: {
            /** Format: uuid */
            staffId: string;
            /** @description null when the directory has no such staff member. */
            name: string | null;
            /** @description Open cases the person owns. */
            open: components["schemas"]["OverviewFigureDto"];
            overdue: components["schemas"]["OverviewFigureDto"];
            inactive: components["schemas"]["OverviewFigureDto"];
        };
        SchoolOverviewResponseDto: {
            /** Format: uuid */
            schoolId: string;
            /**
             * Format: date-time
             * @description When the figures were counted.
             */
            asOf: string;
            /** @description The Oslo calendar week asOf falls in. */
            week: components["schemas"]["OverviewWeekDto"];
            /** @description N of the inactive figures. */
            inactiveSchoolDays: number;
            /**
             * Format: date-time
             * @description Open cases whose last activity is before this count as inactive (N school days back).
             */
            inactiveSince: string;
            /** @description Open cases by step (paused and closed ones are in byStatus). */
            byStep: components["schemas"]["StepFigureDto"][];
            /** @description Every case of the school by status. */
            byStatus: components["schemas"]["StatusFigureDto"][];
            /** @description Open cases with a missed or escalated deadline now. */
            overdue: components["schemas"]["OverviewFigureDto"];
            /** @description Open cases escalated now. */
            escalated: components["schemas"]["OverviewFigureDto"];
            /** @description Open cases whose next deadline falls due this week. */
            dueThisWeek: components["schemas"]["OverviewFigureDto"];
            /** @description Open cases where nobody has recorded anything for inactiveSchoolDays school days. */
            inactive: components["schemas"]["OverviewFigureDto"];
            /** @description Per owner (the contact teacher, or whoever the case was reassigned to) of open or paused cases, by name. */
            perContactTeacher: components["schemas"]["OwnerFiguresDto"][];
        };
        ActorDto: {
            /** Format: uuid */
            staffId: string;
            /** @enum {string} */
            role: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
            /** @description From the staff directory, when known. */
            displayName?: string;
        };
        RecordedEventDto: {
            eventId: string;
            /** Format: uuid */
            caseId: string;
            /**
             * @description A person's event type, or the system's (case-opened, reminder-due, deadline-missed, escalated, step-entered, partner-assigned, case-ended…).
             * @example step1-contact
             */
            type: string;
            /**
             * @description The step the case was at when it happened.
             * @enum {number}
             */
            step: 1 | 2 | 3 | 4;
            /** @description null: the system. */
            actor: components["schemas"]["ActorDto"] | null;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            payload: Record<string, never>;
        };
        RecordEventResponseDto: {
            event: components["schemas"]["RecordedEventDto"];
            /** @description The case after the event. */
            case: components["schemas"]["CaseResponseDto"];
        };
        EventAcceptedResponseDto: {
            /** @enum {string} */
            status: "accepted";
            eventId: string;
            /** @description Poll here; 200 once recorded. */
            location: string;
            message: string;
        };
        CaseEventResponseDto: {
            event: components["schemas"]["RecordedEventDto"];
        };
        TimelineEntryDto: {
            eventId: string;
            /** Format: uuid */
            caseId: string;
            /**
             * @description A person's event type, or the system's (case-opened, reminder-due, deadline-missed, escalated, step-entered, partner-assigned, case-ended…).
             * @example step1-contact
             */
            type: string;
            /**
             * @description The step the case was at when it happened.
             * @enum {number}
             */
            step: 1 | 2 | 3 | 4;
            /** @description null: the system. */
            actor: components["schemas"]["ActorDto"] | null;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            payload: Record<string, never>;
            /** @description Position in the audit trail. */
            seq: string;
            /** @enum {string} */
            origin: "person" | "system";
        };
        TimelineResponseDto: {
            /** Format: uuid */
            caseId: string;
            /** @description The full audit trail in the order it was recorded: people's events and the system's (reminders, missed deadlines, escalations, notifications). */
            entries: components["schemas"]["TimelineEntryDto"][];
            /** @description Pass as `afterSeq` for the next page; null when this page is the last. */
            nextAfterSeq: string | null;
        };
        PlanResponsibleDto: {
            /** @enum {string} */
            kind: "staff" | "student" | "guardians";
            /** Format: uuid */
            staffId: string | null;
            /** @enum {string|null} */
            role: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse" | null;
            displayName: string | null;
        };
        PlanMeasureDto: {
            measureId: string;
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
            /** @description The measure. */
            what: string;
            how: string;
            /** @description Who is responsible for carrying it out. */
            responsible: components["schemas"]["PlanResponsibleDto"];
            /**
             * @description When it is carried out from.
             * @example 2026-11-23
             */
            startsOn: string;
            /**
             * @description When it is evaluated.
             * @example 2026-12-14
             */
            evaluateBy: string;
            ifNotPossible: string;
            /** Format: date-time */
            plannedAt: string;
        };
        ActivityPlanResponseDto: {
            /** Format: uuid */
            caseId: string;
            /** Format: date-time */
            generatedAt: string;
            /**
             * @example {
             *       "id": "…",
             *       "givenName": "Mia",
             *       "familyName": "Johansen",
             *       "className": "5A"
             *     }
             */
            student: Record<string, never>;
            /**
             * @example {
             *       "id": "…",
             *       "name": "Fjordvik skole"
             *     }
             */
            school: Record<string, never>;
            /**
             * @example {
             *       "staffId": "…",
             *       "displayName": "Ingrid Haugen"
             *     }
             */
            owner: Record<string, never>;
            /** @enum {string} */
            status: "open" | "paused" | "closed";
            /** @enum {number} */
            step: 1 | 2 | 3 | 4;
            /** Format: date-time */
            openedAt: string;
            /** Format: date-time */
            closedAt: string | null;
            closeReason: string | null;
            /** @description The problem the measures address: the trigger and figures, the step-1 clarification, and each mapping across school, home, leisure and the student. */
            problem: Record<string, never>;
            measures: components["schemas"]["PlanMeasureDto"][];
            meetings: Record<string, never>[];
            teamAdvice: Record<string, never>[];
            /**
             * @description The partner services a referral or escalation brought into the case, oldest first.
             * @example [
             *       {
             *         "service": "ppt",
             *         "reason": "referral",
             *         "assignedAt": "2026-11-23T09:00:00.000Z",
             *         "step": 3
             *       }
             *     ]
             */
            partners: Record<string, never>[];
            /** @description Absence at the time, effect, the student's voice, the decision. */
            evaluations: Record<string, never>[];
            nextEvaluation: components["schemas"]["NextDeadlineDto"] | null;
        };
        RowErrorDto: {
            /** @description Line of the file (1 is the header); for a JSON batch, the record’s position (1-based). */
            line: number;
            /**
             * @description The column; (rad) when the row itself is malformed; (fil) when the whole file was lost before it was read in and must be sent again.
             * @example status
             */
            field: string;
            /** @example mangler */
            message: string;
        };
        AbsenceImportResponseDto: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            schoolId: string;
            /** @enum {string} */
            source: "csv" | "json";
            /**
             * @description all-or-nothing (default) or skip-invalid.
             * @enum {string}
             */
            mode: "all-or-nothing" | "skip-invalid";
            /**
             * @description received: staged, not yet applied; applied: valid rows are in; rejected: nothing was applied (all-or-nothing and a bad row).
             * @enum {string}
             */
            status: "received" | "applied" | "rejected";
            /** @description True once detection has run on the applied records (or the import was rejected). */
            finished: boolean;
            /** @description Data rows read from the file. */
            rowsRead: number;
            /** @description Records that were new or changed. */
            rowsApplied: number;
            /** @description Valid records identical to what was stored (the same file twice changes nothing). */
            rowsUnchanged: number;
            /** @description Rows not applied. */
            rowsRejected: number;
            studentsEvaluated: number;
            signalsFired: number;
            casesOpened: number;
            /** @description Every bad row’s line and field (at most 10 000 listed). */
            errors: components["schemas"]["RowErrorDto"][];
            /** @description How many errors were found (may exceed the listed ones). */
            errorCount: number;
            /** @description Student references this school does not know. */
            unknownStudentRefs: string[];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            finishedAt: string | null;
        };
        AbsenceRecordDto: {
            /**
             * @description The school system’s student reference.
             * @example VFS-00001
             */
            studentRef: string;
            /**
             * Format: date
             * @example 2026-11-23
             */
            date: string;
            /** @example 1 */
            period: number;
            /** @example MAT */
            subject: string;
            /** @example T-MAT */
            teacherRef?: string;
            /** @enum {string} */
            status: "present" | "absent" | "late" | "left-early" | "present-not-in-class";
            /** @description Minutes late (required for late) or left early. */
            minutes?: number;
            /**
             * @description A closed list: never free text.
             * @enum {string}
             */
            reason?: "illness" | "appointment" | "permission" | "unknown";
        };
        AbsenceRecordsRequestDto: {
            records: components["schemas"]["AbsenceRecordDto"][];
        };
        OverviewFiguresDto: {
            /**
             * Format: date
             * @description The day the figures were computed.
             */
            evaluatedOn: string;
            /** @description The threshold (%) that applies to the student (lower with a concern profile). */
            thresholdPercent: number;
            /** @description Absent share of registered lessons this school year (%). */
            schoolYearPercent: number | null;
            /** @description The same over the last 4 school weeks (%). */
            recentPercent: number | null;
            /** @description The 4 school weeks before those (%). */
            previousPercent: number | null;
            /** @enum {string} */
            trend: "rising" | "falling" | "stable" | "unknown";
            lessonsRegistered: number;
            wholeDaysAbsent: number;
            /** @description Late arrivals in the last 4 school weeks. */
            lateArrivalsRecent: number;
            /** @description Early departures in the last 4 school weeks. */
            earlyDeparturesRecent: number;
            /** @description Lessons present at school but not in class, last 4 school weeks. */
            presentNotInClassRecent: number;
            /** @description Weekdays the absence concentrates on. */
            weekdays: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday")[];
            /** @description Subject codes the absence concentrates on. */
            subjects: string[];
            /** @description Teacher references the absence concentrates on. */
            teachers: string[];
        };
        OverviewStudentDto: {
            /** Format: uuid */
            studentId: string;
            givenName: string;
            familyName: string;
            className: string;
            /** Format: uuid */
            contactTeacherId: string;
            /** @description null until an import has named the student. */
            figures: components["schemas"]["OverviewFiguresDto"] | null;
            /** @description Triggers over their threshold now. */
            flags: ("absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival")[];
            /** Format: uuid */
            openCaseId: string | null;
            /** @description Over a threshold and no open case: the students the missing plan rate counts. */
            withoutOpenCase: boolean;
        };
        AbsenceOverviewResponseDto: {
            /** Format: uuid */
            schoolId: string;
            students: components["schemas"]["OverviewStudentDto"][];
            /** @description Students over any threshold now. */
            overThreshold: number;
            /** @description Of those, the students without an open case. */
            overThresholdWithoutOpenCase: number;
            /** @description overThresholdWithoutOpenCase / overThreshold (0–1); null when nobody is over a threshold. */
            missingPlanRate: number | null;
        };
        ProposalFiguresDto: {
            schoolYearPercent: number | null;
            recentPercent: number | null;
            thresholdPercent: number;
            /** @enum {string} */
            trend: "rising" | "falling" | "stable" | "unknown";
            lateArrivalsRecent: number;
            presentNotInClassRecent: number;
        };
        ProposalDecisionDto: {
            /** @enum {string} */
            decision: "confirmed" | "dismissed";
            /** @enum {string|null} */
            reason: "known-cause" | "already-followed-up" | "registration-error" | "other-follow-up" | null;
            /** @description The reason as teachers read it. */
            reasonLabel: string | null;
            /** Format: uuid */
            decidedBy: string;
            /** Format: date-time */
            decidedAt: string;
        };
        CaseProposalResponseDto: {
            /** Format: uuid */
            proposalId: string;
            /** Format: uuid */
            schoolId: string;
            /** Format: uuid */
            studentId: string;
            givenName: string;
            familyName: string;
            className: string;
            /** Format: uuid */
            contactTeacherId: string;
            /**
             * @description The trigger the case would be opened for.
             * @enum {string}
             */
            trigger: "absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival";
            /** @description Every trigger that fired. */
            triggers: ("absence-percentage" | "lesson-absence" | "present-not-in-class" | "repeated-late-arrival")[];
            absencePercent: number | null;
            figures: components["schemas"]["ProposalFiguresDto"];
            /**
             * Format: date-time
             * @description When detection proposed it; the step-1 deadline runs from here.
             */
            proposedAt: string;
            /** @enum {string} */
            status: "pending" | "confirmed" | "dismissed";
            /**
             * Format: uuid
             * @description The case a confirmation opened.
             */
            caseId: string | null;
            decision: components["schemas"]["ProposalDecisionDto"] | null;
            /** @description Where the opened case is. */
            caseLocation: string | null;
        };
        CaseProposalListResponseDto: {
            proposals: components["schemas"]["CaseProposalResponseDto"][];
        };
        DismissProposalRequestDto: {
            /**
             * @description Why no case is opened, from a closed list (no free text: it would invite health details): known-cause (Kjent årsak som ikke gir grunn til bekymring), already-followed-up (Fraværet er allerede fulgt opp), registration-error (Feil i fraværsregistreringen), other-follow-up (Følges opp på annen måte).
             * @enum {string}
             */
            reason: "known-cause" | "already-followed-up" | "registration-error" | "other-follow-up";
        };
        CodecPayloadDto: {
            /**
             * @example {
             *       "encoding": "YmluYXJ5L2VuY3J5cHRlZA=="
             *     }
             */
            metadata?: {
                [key: string]: string;
            };
            /** Format: byte */
            data?: string;
        };
        CodecPayloadsDto: {
            payloads: components["schemas"]["CodecPayloadDto"][];
        };
        AbsencePatternDto: {
            /**
             * @description Weekdays the absence clusters on (often Mondays?).
             * @example [
             *       "monday"
             *     ]
             */
            weekdays: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday")[];
            /** @description Runs of consecutive days. */
            consecutiveDays: boolean;
            /** @description Single days here and there. */
            singleDays: boolean;
            lateArrivals: boolean;
            leavingEarly: boolean;
            /** @description Doctor or dentist appointments, or assessment days. */
            appointmentsOrAssessmentDays: boolean;
        };
        MappingAreaRecordDto: {
            /** @description The analysis model's risk factors, as checkboxes. */
            riskFactors: ("few-or-no-friends" | "alone-at-breaks" | "too-much-work-pressure" | "mental-health" | "friends-not-at-school" | "contact-with-parent-during-school-day" | "poor-relation-to-teacher" | "screens" | "learning-difficulties" | "stomach-ache-or-nausea" | "bullying" | "drugs" | "events-in-family" | "difficulty-leaving-home" | "guardians-distrust-school" | "unsafe-route-to-school" | "diagnosis" | "medical-causes")[];
            /** @description A short summary; use the risk factors for anything touching health. */
            summary: string;
        };
        MappingAreasDto: {
            /** @description Relations, situations, structures, demands. */
            school: components["schemas"]["MappingAreaRecordDto"];
            /** @description Relations, routines. */
            home: components["schemas"]["MappingAreaRecordDto"];
            /** @description Relations, situations, activities. */
            leisure: components["schemas"]["MappingAreaRecordDto"];
            /** @description Well-being, relations, vulnerabilities, strengths. */
            student: components["schemas"]["MappingAreaRecordDto"];
        };
        MeasureResponsibleDto: {
            /** @enum {string} */
            kind: "staff" | "student" | "guardians";
            /**
             * Format: uuid
             * @description For kind staff: an active staff member at the school or municipality-wide.
             */
            staffId?: string;
            /**
             * @description For kind staff; taken from the directory when absent, and must match it when given.
             * @enum {string}
             */
            role?: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
        };
        Step1ContactPayloadDto: {
            /** @description Talked with the student, as age allows. */
            talkedWithStudent: boolean;
            /**
             * @description Must be true: attempts that did not reach the guardians are notes.
             * @enum {boolean}
             */
            guardiansContacted: true;
            pattern: components["schemas"]["AbsencePatternDto"];
            /** @description The guardians' view, briefly. No health details. */
            guardiansView: string;
            /**
             * @description explained closes the case at step 1; concern-remains moves it to step 2.
             * @enum {string}
             */
            conclusion: "explained" | "concern-remains";
        };
        RecordStep1ContactEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "step1-contact";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["Step1ContactPayloadDto"];
        };
        MeetingHeldPayloadDto: {
            /** @enum {string} */
            kind: "step2-meeting" | "team-around-student-meeting" | "collaboration-meeting";
            /** @example 2026-11-23 */
            heldOn: string;
            /** @description Who took part, by role. */
            participants: ("contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse" | "student" | "guardians" | "gp" | "bup" | "municipal-psychologist" | "other-resource")[];
            /**
             * @description A student who does not attend gives their view beforehand and is informed afterwards.
             * @enum {string}
             */
            studentParticipation: "attended" | "view-given-beforehand" | "informed-afterwards";
            /**
             * @description Every meeting ends by setting the date of the next one.
             * @example 2026-12-14
             */
            nextMeetingOn: string;
            summary: string;
        };
        RecordMeetingHeldEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "meeting-held";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["MeetingHeldPayloadDto"];
        };
        MappingRecordedPayloadDto: {
            areas: components["schemas"]["MappingAreasDto"];
        };
        RecordMappingRecordedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mapping-recorded";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["MappingRecordedPayloadDto"];
        };
        MeasurePlannedPayloadDto: {
            /** @example Fast voksen tar imot eleven om morgenen */
            what: string;
            responsible: components["schemas"]["MeasureResponsibleDto"];
            /** @example Møtes ved inngangen kl. 08.15 */
            how: string;
            /** @example 2026-11-23 */
            startsOn: string;
            /**
             * @description When the measure is evaluated.
             * @example 2026-12-14
             */
            evaluateBy: string;
            /** @description What to do if the measure cannot be carried out. */
            ifNotPossible: string;
        };
        RecordMeasurePlannedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "measure-planned";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["MeasurePlannedPayloadDto"];
        };
        EvaluationRecordedPayloadDto: {
            /** @example 8.5 */
            absencePercent: number;
            /** @enum {string} */
            effect: "improved" | "unchanged" | "worse";
            /** @description The student's voice is always represented. */
            studentVoice: string;
            /**
             * @description Step 2: close-resolved or next-step; steps 3–4 may also continue-period; step 4 cannot go further.
             * @enum {string}
             */
            decision: "close-resolved" | "continue-period" | "next-step";
        };
        RecordEvaluationRecordedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "evaluation-recorded";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["EvaluationRecordedPayloadDto"];
        };
        GuardianConsentPayloadDto: {
            consentGiven: boolean;
        };
        RecordGuardianConsentRecordedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "guardian-consent-recorded";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["GuardianConsentPayloadDto"];
        };
        ReferralSentPayloadDto: {
            /**
             * @description Step 3: competence-team. Step 4: ppt, mobile-team or health-nurse.
             * @enum {string}
             */
            to: "competence-team" | "ppt" | "mobile-team" | "health-nurse";
        };
        RecordReferralSentEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "referral-sent";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["ReferralSentPayloadDto"];
        };
        TeamAdvicePayloadDto: {
            advice: string;
        };
        RecordTeamAdviceRecordedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "team-advice-recorded";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["TeamAdvicePayloadDto"];
        };
        NotePayloadDto: {
            /** @description A short note. Never health details: use the structured fields. */
            text: string;
        };
        RecordNoteAddedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "note-added";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["NotePayloadDto"];
        };
        OwnerReassignedPayloadDto: {
            /**
             * Format: uuid
             * @description An active contact teacher at the case's school.
             */
            newOwnerStaffId: string;
        };
        RecordOwnerReassignedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "owner-reassigned";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["OwnerReassignedPayloadDto"];
        };
        CasePausedPayloadDto: {
            /** @enum {string} */
            reason: "hospital-stay" | "long-term-illness" | "other";
            /** @description Required when the reason is 'other'; no health details. */
            explanation: string;
        };
        RecordCasePausedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "case-paused";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["CasePausedPayloadDto"];
        };
        CaseResumedPayloadDto: Record<string, never>;
        RecordCaseResumedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "case-resumed";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["CaseResumedPayloadDto"];
        };
        CaseClosedPayloadDto: {
            /** @enum {string} */
            reason: "resolved" | "moved-school" | "other";
            /** @description Required when the reason is 'other'. */
            explanation: string;
        };
        RecordCaseClosedEvent: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "case-closed";
            /**
             * Format: date-time
             * @description When it happened; default now.
             * @example 2026-11-23T09:00:00.000Z
             */
            occurredAt?: string;
            payload: components["schemas"]["CaseClosedPayloadDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: {
                /** @description Where to go after signing in: a path of this origin starting with a single "/"; anything else means "/". */
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Redirect to the provider's authorization endpoint. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Sign-in is not configured (bearer tokens only). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_callback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed in: redirect to returnTo, with the tiltak_session cookie. */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A Norwegian HTML page: the person has no access to Tiltakstrappa. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Sign-in is not configured (bearer tokens only). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            /** @description UNAUTHENTICATED (no session) or SESSION_EXPIRED: sign in again. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_actingAs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActingAsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description CSRF_TOKEN_INVALID, or FORBIDDEN when the staff id is not one of your assignments. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogoutResponseDto"];
                };
            };
            /** @description CSRF_TOKEN_INVALID. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolResponseDto"][];
                };
            };
        };
    };
    SchoolsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSchoolRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolsController_listCalendars: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolCalendarResponseDto"][];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolsController_getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                schoolYear: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolCalendarResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolsController_putCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                schoolYear: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SchoolCalendarRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolCalendarResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StaffController_list: {
        parameters: {
            query?: {
                /** @description A school's staff together with the municipality-wide staff. */
                schoolId?: string;
                role?: "contact-teacher" | "school-leadership" | "social-teacher" | "competence-team" | "ppt" | "mobile-team" | "health-nurse";
                /** @description true: deactivated staff too (the administration's staff page): the school's leadership or directory:admin, for a given or the caller's own school. */
                includeInactive?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponseDto"][];
                };
            };
        };
    };
    StaffController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStaffRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StaffController_setServedSchools: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServedSchoolsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StudentsController_list: {
        parameters: {
            query?: {
                /** @description Default: the caller's school. */
                schoolId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentResponseDto"][];
                };
            };
        };
    };
    StudentsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateStudentRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StudentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    StudentsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateStudentRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudentResponseDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CasesController_list: {
        parameters: {
            query?: {
                schoolId?: string;
                studentId?: string;
                step?: 1 | 2 | 3 | 4;
                status?: "open" | "paused" | "closed";
                ownerStaffId?: string;
                /** @description Only cases with a missed or escalated deadline (or only without). */
                overdue?: boolean;
                /** @description Only cases whose escalation has fired for a deadline nobody has met since (or only without). Never a paused or closed case. */
                escalated?: boolean;
                /** @description true: only the caller's own cases (owner = caller), within what the caller may see. */
                mine?: boolean;
                /** @description Only cases whose next deadline falls due before this instant. */
                dueBefore?: string;
                /** @description Only cases whose next deadline falls due at or after this instant. */
                dueAfter?: string;
                /**
                 * @deprecated
                 * @description The earlier name of dueBefore (both may be given; the earlier instant applies).
                 */
                deadlineBefore?: string;
                /** @description Only open cases where nobody has recorded anything (people's events; reminders do not count) for at least this many school days, counted on each school's calendar. */
                inactiveSchoolDays?: number;
                limit?: number;
                /** @description The previous page's nextCursor. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseListResponseDto"];
                };
            };
        };
    };
    CasesController_open: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpenCaseRequestDto"];
            };
        };
        responses: {
            /** @description The case, live from its workflow. Location: /cases/{id}. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The student already has an open case (see Location). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CasesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseResponseDto"];
                };
            };
            /** @description No such case, or not one the caller may see (logged). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    SchoolOverviewController_overview: {
        parameters: {
            query?: {
                /** @description N in "open cases with no activity for N school days" (on the school's calendar). */
                inactiveSchoolDays?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchoolOverviewResponseDto"];
                };
            };
            /** @description The school's own staff outside leadership (logged). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description No such school, or another school (logged). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CaseEventsController_record: {
        parameters: {
            query?: never;
            header: {
                /** @description A new random value (e.g. a UUID) per event; reuse it only to retry. */
                "Idempotency-Key": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordStep1ContactEvent"] | components["schemas"]["RecordMeetingHeldEvent"] | components["schemas"]["RecordMappingRecordedEvent"] | components["schemas"]["RecordMeasurePlannedEvent"] | components["schemas"]["RecordEvaluationRecordedEvent"] | components["schemas"]["RecordGuardianConsentRecordedEvent"] | components["schemas"]["RecordReferralSentEvent"] | components["schemas"]["RecordTeamAdviceRecordedEvent"] | components["schemas"]["RecordNoteAddedEvent"] | components["schemas"]["RecordOwnerReassignedEvent"] | components["schemas"]["RecordCasePausedEvent"] | components["schemas"]["RecordCaseResumedEvent"] | components["schemas"]["RecordCaseClosedEvent"];
            };
        };
        responses: {
            /** @description Recorded. Location: the event. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordEventResponseDto"];
                };
            };
            /** @description Accepted by the workflow, not yet persisted (e.g. PostgreSQL down). Poll Location. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAcceptedResponseDto"];
                };
            };
            /** @description Malformed body or missing Idempotency-Key; nothing changed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The caller may see the case but not record this type of event. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The case does not accept this event now (reason: CASE_CLOSED, EVENT_NOT_ALLOWED_AT_STEP, PREREQUISITE_MISSING…). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The event cannot be right (INVALID_EVENT, OCCURRED_IN_FUTURE), the database refuses its content (EVENT_NOT_STORABLE), or the key was reused. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many events from this caller (API_RATE_LIMIT_EVENT_POSTS_PER_MINUTE); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PostgreSQL or Temporal unreachable; nothing changed. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CaseEventsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                eventId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseEventResponseDto"];
                };
            };
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventAcceptedResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    TimelineController_get: {
        parameters: {
            query?: {
                /** @description Continue after this entry (the `nextAfterSeq` of the previous page). */
                afterSeq?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelineResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    ActivityPlanController_get: {
        parameters: {
            query?: {
                /** @description html: the printable Norwegian document. Default: by Accept, else JSON. */
                format?: "json" | "html";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityPlanResponseDto"];
                    "text/html": components["schemas"]["ActivityPlanResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                    "text/html": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceController_importCsv: {
        parameters: {
            query?: {
                /** @description reject: one bad row rejects the whole file (nothing applied); skip: bad rows are listed and the rest applied. */
                invalidRows?: "reject" | "skip";
            };
            header?: never;
            path: {
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AbsenceImportResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Not text/csv, not UTF-8, or not a CSV file. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description A wrong or missing column, or an empty file. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceController_importRecords: {
        parameters: {
            query?: {
                /** @description reject: one bad row rejects the whole file (nothing applied); skip: bad rows are listed and the rest applied. */
                invalidRows?: "reject" | "skip";
            };
            header?: never;
            path: {
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AbsenceRecordsRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AbsenceImportResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceController_getImport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                schoolId: string;
                importId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AbsenceImportResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceController_overview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AbsenceOverviewResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceProposalsController_list: {
        parameters: {
            query?: {
                /** @description Only proposals with this status. */
                status?: "pending" | "confirmed" | "dismissed";
            };
            header?: never;
            path: {
                schoolId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseProposalListResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceProposalsController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseProposalResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Dismissed already, or the student has an open case. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    AbsenceProposalsController_dismiss: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                proposalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DismissProposalRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CaseProposalResponseDto"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Confirmed already, or dismissed for another reason. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CodecController_decode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Sent by the Temporal UI. */
                "X-Namespace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodecPayloadsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodecPayloadsDto"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description The token lacks the codec:decode scope (logged). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many codec calls from this address (API_RATE_LIMIT_CODEC_PER_MINUTE); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    CodecController_encode: {
        parameters: {
            query?: never;
            header?: {
                /** @description Sent by the Temporal UI. */
                "X-Namespace"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CodecPayloadsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodecPayloadsDto"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description Too many codec calls from this address (API_RATE_LIMIT_CODEC_PER_MINUTE); Retry-After says when to retry. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
