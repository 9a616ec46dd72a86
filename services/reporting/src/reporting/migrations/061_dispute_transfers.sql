-- disputes.case.transferred (移交): a case handed to another mediation organisation is a fact
-- of its own; the stock of open cases counts a case where its latest acceptance or transfer
-- dated by the stock date put it.
ALTER TABLE dispute_case_facts DROP CONSTRAINT dispute_case_facts_fact_check;
ALTER TABLE dispute_case_facts ADD CONSTRAINT dispute_case_facts_fact_check
    CHECK (fact IN ('received', 'accepted', 'declined', 'mediator_assigned', 'session_held',
                    'deadline_extended', 'overdue', 'settled', 'failed', 'referred',
                    'arbitration_decided', 'recovery', 'withdrawn', 'closed', 'transferred'));
