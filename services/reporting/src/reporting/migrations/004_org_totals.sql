-- Totals per organisation, kept by the projection in the transaction that writes the facts, so
-- a report sums a few rows per organisation instead of every fact of a large subtree.
--
-- Each row holds what changed on the days of one span: a day ('d'), a month ('m'), a year
-- ('y') or a decade ('c', from a year ending in 0), starting on `starts`. Stock columns hold
-- net changes (a membership period adds one on its first day and takes it away on the day
-- after its last), flow columns hold counts; so a stock on a date is the sum of every change
-- up to it and a flow over a period the sum of the changes inside it, each read from the
-- fewest spans that cover it exactly.
-- Rows are kept by the organisation the fact itself names (the union, the employer's
-- territory), never by an ancestor, so moving an organisation rewrites none of them: reports
-- join them to the tree as it stood on each day. The nil organisation id holds the totals of
-- all organisations together. A row whose every column is back to zero is deleted.

CREATE TABLE member_totals (
    union_id         uuid NOT NULL,
    span             text NOT NULL CHECK (span IN ('d', 'm', 'y', 'c')),
    starts           date NOT NULL,
    active           integer NOT NULL,
    retained         integer NOT NULL,
    admitted         integer NOT NULL,
    admitted_female  integer NOT NULL,
    admitted_migrant integer NOT NULL,
    members_left     integer NOT NULL,
    PRIMARY KEY (union_id, span, starts)
);

CREATE TABLE employer_totals (
    territory_org_id uuid NOT NULL,
    span             text NOT NULL CHECK (span IN ('d', 'm', 'y', 'c')),
    starts           date NOT NULL,
    employers        integer NOT NULL,
    workers          bigint NOT NULL,
    women            bigint NOT NULL,
    migrant_workers  bigint NOT NULL,
    covered          integer NOT NULL,
    PRIMARY KEY (territory_org_id, span, starts)
);

CREATE TABLE contract_totals (
    union_id          uuid NOT NULL,
    kind              text NOT NULL,
    span              text NOT NULL CHECK (span IN ('d', 'm', 'y', 'c')),
    starts            date NOT NULL,
    in_force          integer NOT NULL,
    employers_covered bigint NOT NULL,
    workers_covered   bigint NOT NULL,
    signed            integer NOT NULL,
    PRIMARY KEY (union_id, span, starts, kind)
);

-- Every organisation id any totals row was ever kept under: the totals of a large subtree are
-- those of all organisations minus those of the (few) organisations outside it.
CREATE TABLE totals_orgs (
    org_id uuid PRIMARY KEY
);

-- Transfers stay counted from the facts (into and out of a subtree depends on both ends).
CREATE INDEX member_facts_transfers ON member_facts (union_id, effective_on)
    WHERE fact = 'transferred';
