-- disputes.case.recovery_recorded v2 names each recovery (追回金额): a recovery is one fact
-- however often, and under whichever case version or event id, it is published again.
-- Rows projected before this column existed keep NULL (their event id is still unique); a
-- read-model rebuild fills them with the id the v1 upcaster derives from the event id.
ALTER TABLE dispute_case_facts ADD COLUMN recovery_id uuid;
ALTER TABLE dispute_case_facts ADD CONSTRAINT dispute_case_facts_recovery_only
    CHECK (recovery_id IS NULL OR fact = 'recovery');
CREATE UNIQUE INDEX dispute_case_facts_recovery ON dispute_case_facts (recovery_id)
    WHERE recovery_id IS NOT NULL;
