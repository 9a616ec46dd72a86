-- Classes (培训班), enrolments, attendance marks and certificates.
CREATE TABLE classes (
    id                      uuid PRIMARY KEY,
    org_id                  uuid NOT NULL,
    title                   text NOT NULL,
    kind                    text NOT NULL,
    provider                text NOT NULL,
    venue                   text NOT NULL,
    starts_on               date NOT NULL,
    ends_on                 date NOT NULL,
    sessions_planned        integer NOT NULL CHECK (sessions_planned >= 1),
    capacity                integer NOT NULL CHECK (capacity >= 1),
    target_groups           text[] NOT NULL,
    min_attendance_percent  integer NOT NULL CHECK (min_attendance_percent BETWEEN 0 AND 100),
    assessment_required     boolean NOT NULL,
    status                  text NOT NULL CHECK (status IN ('open', 'finished', 'cancelled')),
    -- Seats held: the class row is the lock enrolments take, so it never exceeds capacity.
    seats_taken             integer NOT NULL CHECK (seats_taken BETWEEN 0 AND capacity),
    version                 bigint NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX classes_org ON classes (org_id, starts_on);

CREATE TABLE enrolments (
    id                 uuid PRIMARY KEY,
    class_id           uuid NOT NULL REFERENCES classes (id),
    org_id             uuid NOT NULL,
    person_id          uuid NOT NULL REFERENCES people (id),
    member_id          uuid,
    status             text NOT NULL
        CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn', 'completed', 'not_completed')),
    enrolled_on        date NOT NULL,
    assessment_passed  boolean,
    closed_on          date,
    -- Waiting-list order: the time of the request, then the id.
    requested_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    version            bigint NOT NULL
);
CREATE INDEX enrolments_class ON enrolments (class_id, status, requested_at);
CREATE INDEX enrolments_person ON enrolments (person_id);
-- One seat or place on the waiting list per person per class.
CREATE UNIQUE INDEX enrolments_one_active ON enrolments (class_id, person_id)
    WHERE status IN ('enrolled', 'waitlisted');

CREATE TABLE attendance (
    class_id      uuid NOT NULL REFERENCES classes (id),
    session_no    integer NOT NULL CHECK (session_no >= 1),
    enrolment_id  uuid NOT NULL REFERENCES enrolments (id),
    mark          text NOT NULL CHECK (mark IN ('present', 'absent', 'late', 'excused')),
    marked_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (class_id, session_no, enrolment_id)
);
CREATE INDEX attendance_enrolment ON attendance (enrolment_id);

CREATE TABLE certificates (
    id                  uuid PRIMARY KEY,
    number              text NOT NULL UNIQUE,
    org_id              uuid NOT NULL,
    class_id            uuid NOT NULL REFERENCES classes (id),
    enrolment_id        uuid NOT NULL UNIQUE REFERENCES enrolments (id),
    person_id           uuid NOT NULL REFERENCES people (id),
    member_id           uuid,
    issued_on           date NOT NULL,
    status              text NOT NULL CHECK (status IN ('valid', 'revoked')),
    revoked_on          date,
    revocation_reason   text,
    version             bigint NOT NULL
);
CREATE INDEX certificates_class ON certificates (class_id);
