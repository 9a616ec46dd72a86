-- 接待来访/信访: every contact, closed as answered or turned into a case.
CREATE TABLE contacts (
    id               uuid PRIMARY KEY,
    org_id           uuid NOT NULL,
    channel          text NOT NULL,
    category         text,
    workers_involved integer NOT NULL CHECK (workers_involved >= 1),
    contacted_on     date NOT NULL,
    caller_cipher    bytea,
    topic_cipher     bytea NOT NULL,
    status           text NOT NULL CHECK (status IN ('open', 'answered', 'case_opened')),
    answer_cipher    bytea,
    case_id          uuid,
    closed_on        date,
    version          bigint NOT NULL
);
CREATE INDEX contacts_org ON contacts (org_id, contacted_on);
