"""The generated city's SQL: organisations, employers, contracts and members by ordinal.

Organisation ids are md5 of a global ordinal, so every statement finds a parent, a territory
or a union by arithmetic on ordinals, and a rerun writes the same tree.
"""

from __future__ import annotations

# Global ordinals of the organisations: root 0, districts 1-12, streets 13-112,
# communities 113-1012, grassroots unions 1013-4999. Ids are md5 of the ordinal.
ORG_ID = "md5('org' || {n})::uuid"
GRASSROOTS_FIRST, GRASSROOTS_COUNT = 1013, 3987
# A grassroots union's founding day; its members and contracts start no earlier.
FOUNDED = "date '2000-01-01' + (({n}) * 37 % 9000)::int"

ORGS_SQL = f"""
INSERT INTO org_versions (org_id, valid_from, parent_id, kind, name, founded_on)
SELECT {ORG_ID.format(n="n")}, founded, CASE
        WHEN n = 0 THEN NULL
        WHEN n <= 12 THEN {ORG_ID.format(n="0")}
        WHEN n <= 112 THEN {ORG_ID.format(n="1 + (n - 13) % 12")}
        WHEN n <= 1012 THEN {ORG_ID.format(n="13 + (n - 113) % 100")}
        ELSE {ORG_ID.format(n="113 + (n - 1013) % 900")} END,
    CASE WHEN n = 0 THEN 'city_federation' WHEN n <= 12 THEN 'district_federation'
        WHEN n <= 112 THEN 'street_federation' WHEN n <= 1012 THEN 'community_federation'
        ELSE 'grassroots_union' END,
    '工会' || n, founded
FROM generate_series(0, 4999) AS n,
    LATERAL (SELECT CASE WHEN n < {GRASSROOTS_FIRST} THEN date '2000-01-01'
        ELSE {FOUNDED.format(n="n")} END AS founded) AS f
"""

# Nine employers in ten belong to a community's territory, the rest to a street's.
EMPLOYERS_SQL = f"""
WITH e AS (
    SELECT md5('emp' || n)::uuid AS employer_id, date '2000-01-01' + (n * 13) % 9000 AS since,
        CASE WHEN n % 10 = 0 THEN {ORG_ID.format(n="13 + n % 100")}
            ELSE {ORG_ID.format(n="113 + n % 900")} END AS territory,
        5 + (n * 7919) % 400 AS workers, n
    FROM generate_series(0, 99999) AS n
), registered AS (
    INSERT INTO employers (employer_id, territory_org_id, registered_on)
    SELECT employer_id, territory, since FROM e
), census AS (
    INSERT INTO employer_census (employer_id, version, effective_on, territory_org_id,
        workers, women, migrant_workers)
    SELECT employer_id, 1, since, territory, workers, workers * 45 / 100, workers * 3 / 10 FROM e
)
INSERT INTO employer_coverage (employer_id, version, effective_on, territory_org_id, covered)
SELECT employer_id, 2, since, territory, n % 10 < 7 FROM e
"""

# $1 first ordinal, $2 last ordinal. Joins spread over 2000-01 to 2025-06.
MEMBERS_SQL = f"""
WITH m AS (
    SELECT gen_random_uuid() AS member_id,
        GREATEST(date '2000-01-01' + ((n * 7919) % 9300)::int,
            {FOUNDED.format(n=f"{GRASSROOTS_FIRST} + n % {GRASSROOTS_COUNT}")}) AS joined,
        {ORG_ID.format(n=f"{GRASSROOTS_FIRST} + n % {GRASSROOTS_COUNT}")} AS union_id,
        CASE WHEN n % 2 = 0 THEN 'male' ELSE 'female' END AS sex, n % 3 = 0 AS migrant,
        CASE WHEN n % 50 = 1 THEN 'retained' ELSE 'active' END AS status,
        CASE WHEN n % 12 = 0 THEN (200 + (n * 31) % 3000)::int END AS stayed
    FROM generate_series($1::bigint, $2::bigint) AS n
), periods AS (
    INSERT INTO membership_periods (member_id, valid_from, valid_to, union_id, status, sex,
        is_migrant)
    SELECT member_id, joined, joined + stayed, union_id, status, sex, migrant FROM m
)
INSERT INTO member_facts (member_id, version, fact, effective_on, union_id, sex, is_migrant)
SELECT member_id, 1, 'admitted', joined, union_id, sex, migrant FROM m
UNION ALL
SELECT member_id, 2, 'left', joined + stayed, union_id, NULL, NULL FROM m
WHERE stayed IS NOT NULL
"""

CONTRACTS_SQL = f"""
INSERT INTO contracts (contract_id, union_id, kind, signed_on, starts_on, ends_on,
    employers_covered, workers_covered)
SELECT gen_random_uuid(), {ORG_ID.format(n=f"{GRASSROOTS_FIRST} + n % {GRASSROOTS_COUNT}")},
    CASE WHEN n % 3 = 0 THEN 'wage' ELSE 'comprehensive' END, since, since, since + 3 * 365,
    1 + n % 5, 20 + n % 300
FROM generate_series(0, 19999) AS n,
    LATERAL (SELECT GREATEST(date '2018-01-01' + (n * 11) % 2500,
        {FOUNDED.format(n=f"{GRASSROOTS_FIRST} + n % {GRASSROOTS_COUNT}")}) AS since) AS s
"""
