-- A dashboard opens on the latest period with data: each of these answers "the latest day
-- recorded up to today" from the end of one index instead of a scan of the whole table.
-- member_facts needs none: its (fact, effective_on) index answers per fact.
CREATE INDEX aid_payments_paid_on ON aid_payments (paid_on);
CREATE INDEX household_facts_effective_on ON household_facts (effective_on);
CREATE INDEX dispute_case_facts_effective_on ON dispute_case_facts (effective_on);
CREATE INDEX training_enrolments_enrolled_on ON training_enrolments (enrolled_on);
