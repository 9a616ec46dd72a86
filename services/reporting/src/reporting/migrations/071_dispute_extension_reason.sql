-- disputes.case.deadline_extended v2 says why a mediation was extended (延期理由), so the
-- dispute figures count the extensions by reason. Only an extension has a reason.
ALTER TABLE dispute_case_facts ADD COLUMN extension_reason text;
-- Rows projected before this column existed: a v2 event's data as published names its reason,
-- a v1 event's does not (未记录, unknown, as its upcaster decodes it), which is what a rebuild
-- writes for the same events.
UPDATE dispute_case_facts SET extension_reason = COALESCE(data->>'reason', 'unknown')
WHERE fact = 'deadline_extended';
ALTER TABLE dispute_case_facts ADD CONSTRAINT dispute_case_facts_extension_reason
    CHECK ((extension_reason IS NOT NULL) = (fact = 'deadline_extended'));
