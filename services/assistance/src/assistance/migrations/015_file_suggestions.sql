-- 建档建议: suggestions to open a hardship file for a member whose wage-arrears or
-- work-injury dispute ended while they headed no open file. Pseudonymous ids, the dispute's
-- category and ending only. One per (case, member) by its id, one pending per member.

CREATE TABLE file_suggestions (
    id            uuid PRIMARY KEY,
    member_id     uuid NOT NULL,
    org_id        uuid NOT NULL,
    employer_id   uuid,
    case_id       uuid NOT NULL,
    category      text NOT NULL CHECK (category IN ('wages', 'work_injury')),
    ending        text NOT NULL CHECK (ending IN ('settled', 'failed', 'arbitration_decided')),
    suggested_on  date NOT NULL,
    status        text NOT NULL CHECK (status IN ('pending', 'opened', 'dismissed')),
    closed_on     date,
    version       bigint NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'pending') = (closed_on IS NULL))
);
CREATE UNIQUE INDEX one_pending_suggestion_per_member ON file_suggestions (member_id)
    WHERE status = 'pending';
CREATE INDEX file_suggestions_pending ON file_suggestions (org_id, suggested_on)
    WHERE status = 'pending';
