-- Training and employment read models, projected from the TRAINING stream.
-- Every row keeps the organisation the event counted toward and its business date; roll-ups
-- join them to the tree as it stood on that date. Rows are keyed by the publisher's id of the
-- thing (class, enrolment, certificate …), so a redelivery or a re-publication adds nothing.

-- The versions applied per training aggregate (the event's subject), apart from the other
-- streams' so one service's ids can never shadow another's.
CREATE TABLE training_versions (
    subject  text PRIMARY KEY,
    version  bigint NOT NULL
);
CREATE TABLE training_applied_versions (
    subject  text NOT NULL,
    version  bigint NOT NULL,
    PRIMARY KEY (subject, version)
);

-- Classes (培训班, 期) opened, and their cancellations.
CREATE TABLE training_classes (
    class_id   uuid PRIMARY KEY,
    org_id     uuid NOT NULL,
    opened_on  date NOT NULL,
    kind       text NOT NULL,
    capacity   integer NOT NULL,
    starts_on  date NOT NULL,
    ends_on    date NOT NULL
);
CREATE INDEX training_classes_org ON training_classes (org_id, opened_on) INCLUDE (kind);

CREATE TABLE training_class_cancellations (
    class_id      uuid PRIMARY KEY,
    org_id        uuid NOT NULL,
    cancelled_on  date NOT NULL
);

-- Seats taken (培训人次), withdrawals (退班), completions (结业).
CREATE TABLE training_enrolments (
    enrolment_id  uuid PRIMARY KEY,
    class_id      uuid NOT NULL,
    org_id        uuid NOT NULL,
    enrolled_on   date NOT NULL,
    person_id     uuid NOT NULL,
    member_id     uuid
);
CREATE INDEX training_enrolments_org ON training_enrolments (org_id, enrolled_on);

CREATE TABLE training_withdrawals (
    enrolment_id  uuid PRIMARY KEY,
    class_id      uuid NOT NULL,
    org_id        uuid NOT NULL,
    withdrawn_on  date NOT NULL,
    reason        text NOT NULL
);

CREATE TABLE training_completions (
    enrolment_id  uuid PRIMARY KEY,
    class_id      uuid NOT NULL,
    org_id        uuid NOT NULL,
    completed_on  date NOT NULL,
    person_id     uuid NOT NULL,
    member_id     uuid
);
CREATE INDEX training_completions_org ON training_completions (org_id, completed_on);

-- Certificates issued (取证) and revoked.
CREATE TABLE training_certificates (
    certificate_id  uuid PRIMARY KEY,
    class_id        uuid NOT NULL,
    enrolment_id    uuid NOT NULL,
    org_id          uuid NOT NULL,
    issued_on       date NOT NULL,
    person_id       uuid NOT NULL,
    member_id       uuid
);
CREATE INDEX training_certificates_org ON training_certificates (org_id, issued_on);

CREATE TABLE training_revocations (
    certificate_id  uuid PRIMARY KEY,
    org_id          uuid NOT NULL,
    revoked_on      date NOT NULL,
    reason          text NOT NULL
);

-- The newest attendance of each session (a snapshot: a newer version replaces the figures).
CREATE TABLE training_attendance (
    class_id     uuid NOT NULL,
    session_no   integer NOT NULL,
    org_id       uuid NOT NULL,
    taken_on     date NOT NULL,
    present      integer NOT NULL,
    late         integer NOT NULL,
    excused      integer NOT NULL,
    absent       integer NOT NULL,
    version      bigint NOT NULL,
    recorded_at  timestamptz NOT NULL,
    event_id     uuid NOT NULL,
    PRIMARY KEY (class_id, session_no)
);
CREATE INDEX training_attendance_org ON training_attendance (org_id, taken_on);

-- Skills competition entries (技能竞赛参赛人次).
CREATE TABLE competition_entries (
    entry_id        uuid PRIMARY KEY,
    competition_id  uuid NOT NULL,
    org_id          uuid NOT NULL,
    entered_on      date NOT NULL,
    person_id       uuid NOT NULL,
    member_id       uuid
);
CREATE INDEX competition_entries_org ON competition_entries (org_id, entered_on);

-- The newest figures of each job fair (a snapshot, as for attendance).
CREATE TABLE job_fairs (
    fair_id             uuid PRIMARY KEY,
    org_id              uuid NOT NULL,
    held_on             date NOT NULL,
    employers           integer NOT NULL,
    positions           integer NOT NULL,
    registered_seekers  integer NOT NULL,
    walk_in_seekers     integer NOT NULL,
    version             bigint NOT NULL,
    recorded_at         timestamptz NOT NULL,
    event_id            uuid NOT NULL
);
CREATE INDEX job_fairs_org ON job_fairs (org_id, held_on);

-- Vacancies posted (发布招聘信息), seekers registered (求职登记), placements (实现就业).
CREATE TABLE job_postings (
    posting_id    uuid PRIMARY KEY,
    org_id        uuid NOT NULL,
    published_on  date NOT NULL,
    employer_id   uuid,
    positions     integer NOT NULL
);
CREATE INDEX job_postings_org ON job_postings (org_id, published_on);

CREATE TABLE job_seekers (
    seeker_id      uuid PRIMARY KEY,
    org_id         uuid NOT NULL,
    registered_on  date NOT NULL,
    status         text NOT NULL,
    person_id      uuid NOT NULL,
    member_id      uuid
);
CREATE INDEX job_seekers_org ON job_seekers (org_id, registered_on);

CREATE TABLE job_placements (
    placement_id   uuid PRIMARY KEY,
    org_id         uuid NOT NULL,
    placed_on      date NOT NULL,
    seeker_id      uuid NOT NULL,
    channel        text NOT NULL,
    reemployment   boolean NOT NULL,
    person_id      uuid NOT NULL,
    member_id      uuid
);
CREATE INDEX job_placements_org ON job_placements (org_id, placed_on);

-- The newest 3- or 6-month follow-up of each placement (a later one corrects it).
CREATE TABLE placement_follow_ups (
    placement_id    uuid NOT NULL,
    months          integer NOT NULL CHECK (months IN (3, 6)),
    org_id          uuid NOT NULL,
    followed_on     date NOT NULL,
    still_employed  boolean NOT NULL,
    version         bigint NOT NULL,
    recorded_at     timestamptz NOT NULL,
    event_id        uuid NOT NULL,
    PRIMARY KEY (placement_id, months)
);
CREATE INDEX placement_follow_ups_org ON placement_follow_ups (org_id, followed_on);
