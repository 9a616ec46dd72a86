-- The employer's name, from membership.employer.registered v2 (null for v1 events and for an
-- individual business, whose name membership does not publish): the agreement names a census
-- employer by it instead of by its registration code alone.
ALTER TABLE employer_replica ADD COLUMN name text;
