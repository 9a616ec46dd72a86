-- A payment or visit of a household counts under the union the household was on file in on
-- the fact's date (household_periods), not the one the event named when it was entered: a
-- fact entered late (补录历史) for a household relocated since stays with its old union.
-- recorded_org_id keeps what the event named, used when the household was not on file.
ALTER TABLE aid_payments ADD COLUMN recorded_org_id uuid;
UPDATE aid_payments SET recorded_org_id = org_id;
ALTER TABLE aid_payments ALTER COLUMN recorded_org_id SET NOT NULL;
CREATE INDEX aid_payments_household ON aid_payments (household_id) WHERE household_id IS NOT NULL;

ALTER TABLE visits ADD COLUMN recorded_org_id uuid;
UPDATE visits SET recorded_org_id = org_id;
ALTER TABLE visits ALTER COLUMN recorded_org_id SET NOT NULL;
CREATE INDEX visits_household ON visits (household_id) WHERE household_id IS NOT NULL;

-- Rows projected before this migration are placed here, from the periods already derived,
-- so upgrading needs no rebuild for them (a rebuild gives the same rows).
UPDATE aid_payments t SET org_id = p.org_id
FROM household_periods p
WHERE p.household_id = t.household_id AND p.valid_from <= t.paid_on
    AND (p.valid_to IS NULL OR t.paid_on < p.valid_to) AND p.org_id <> t.org_id;
UPDATE visits t SET org_id = p.org_id
FROM household_periods p
WHERE p.household_id = t.household_id AND p.valid_from <= t.visited_on
    AND (p.valid_to IS NULL OR t.visited_on < p.valid_to) AND p.org_id <> t.org_id;
