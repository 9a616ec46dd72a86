-- Statistics join facts to a resolved subtree by organisation id, then by date: each read
-- below starts with the organisation so a street's report touches only its own rows.
CREATE INDEX member_facts_union ON member_facts (union_id, effective_on);
CREATE INDEX member_facts_from_union ON member_facts (from_union_id, effective_on)
    WHERE from_union_id IS NOT NULL;
CREATE INDEX membership_periods_union_stock ON membership_periods (union_id, valid_from)
    INCLUDE (valid_to, status);
CREATE INDEX employers_territory ON employers (territory_org_id, registered_on);
CREATE INDEX employer_census_latest ON employer_census (employer_id, effective_on, version)
    INCLUDE (workers, women, migrant_workers);
CREATE INDEX employer_coverage_latest ON employer_coverage (employer_id, effective_on, version)
    INCLUDE (covered);
CREATE INDEX contracts_union ON contracts (union_id, signed_on);
