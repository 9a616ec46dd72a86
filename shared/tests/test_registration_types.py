"""登记注册类型: the code table, the classes reports group by, and the v1 → v2 upcasters."""

from __future__ import annotations

import typing
import uuid

import pytest
from shared.contracts import membership
from shared.contracts.envelope import CloudEvent
from shared.contracts.registry import registry
from shared.registration_types import (
    ENTERPRISE_CLASSES,
    FROM_OWNERSHIP,
    OWNERSHIP_CLASSES,
    REGISTRATION_TYPES,
    OwnershipClass,
    RegistrationType,
    UnknownRegistrationType,
    is_enterprise,
    ownership_class,
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("110", "state"),
        ("120", "collective"),
        ("130", "cooperative"),
        ("140", "joint_operation"),
        ("143", "joint_operation"),
        ("151", "limited_liability"),
        ("159", "limited_liability"),
        ("160", "joint_stock"),
        ("170", "private"),
        ("173", "private"),
        ("190", "other_domestic"),
        ("210", "hk_macao_taiwan"),
        ("240", "hk_macao_taiwan"),
        ("310", "foreign"),
        ("390", "foreign"),
        ("government_agency", "public_sector"),
        ("public_institution", "public_sector"),
        ("social_group", "social_organisation"),
        ("private_non_enterprise", "social_organisation"),
        ("individual_business", "individual_business"),
        ("other", "other"),
        ("joint_venture_unspecified", "joint_venture_unspecified"),
    ],
)
def test_each_code_falls_in_its_class(code: str, expected: str) -> None:
    assert ownership_class(code) == expected


def test_every_code_has_a_chinese_label_and_a_known_class() -> None:
    assert len(REGISTRATION_TYPES) == 34
    for code, label in REGISTRATION_TYPES.items():
        assert not label[0].isascii()  # a Chinese label
        assert ownership_class(code) in OWNERSHIP_CLASSES
    assert REGISTRATION_TYPES["310"] == "中外合资经营企业"
    assert set(OWNERSHIP_CLASSES) > ENTERPRISE_CLASSES


def test_the_request_types_list_exactly_the_tables_keys() -> None:
    assert list(typing.get_args(RegistrationType)) == list(REGISTRATION_TYPES)
    assert list(typing.get_args(OwnershipClass)) == list(OWNERSHIP_CLASSES)


@pytest.mark.parametrize("code", ["150", "180", "200", "311", "joint_venture", ""])
def test_codes_outside_the_table_are_refused(code: str) -> None:
    with pytest.raises(UnknownRegistrationType):
        ownership_class(code)


def test_enterprises_exclude_agencies_institutions_organisations_and_individuals() -> None:
    assert all(is_enterprise(code) for code in ("159", "330", "190"))
    assert is_enterprise("joint_venture_unspecified")  # a joint venture is an enterprise either way
    for code in ("government_agency", "public_institution", "social_group",
                 "private_non_enterprise", "individual_business", "other"):  # fmt: skip
        assert not is_enterprise(code)


def _registered_v1(ownership: str) -> CloudEvent:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2024-03-01",
        "employer_id": str(uuid.uuid4()),
        "uscc": "91350100M000100Y43",
        "ownership": ownership,
        "industry": "制造业",
    }
    return CloudEvent(
        source="/membership", type="membership.employer.registered", dataversion=1, data=data
    )


@pytest.mark.parametrize(
    ("ownership", "code", "klass"),
    [
        ("state", "110", "state"),
        ("collective", "120", "collective"),
        ("private", "170", "private"),
        ("foreign", "330", "foreign"),
        ("hk_macao_taiwan", "290", "hk_macao_taiwan"),
        ("public_institution", "public_institution", "public_sector"),
        ("social_organisation", "social_group", "social_organisation"),
        ("individual_business", "individual_business", "individual_business"),
        ("joint_venture", "joint_venture_unspecified", "joint_venture_unspecified"),
    ],
)
def test_a_v1_registration_decodes_as_v2_with_the_matching_code(
    ownership: str, code: str, klass: str
) -> None:
    envelope = _registered_v1(ownership)
    decoded = registry.decode(envelope)
    assert type(decoded) is membership.EmployerRegistered
    assert (decoded.registration_type, decoded.ownership_class, decoded.name) == (code, klass, None)
    assert envelope.data["ownership"] == ownership  # the envelope keeps what was received


def test_a_joint_venture_is_never_guessed_as_domestic_or_foreign() -> None:
    assert FROM_OWNERSHIP["joint_venture"] not in {"140", "141", "142", "143", "149", "310"}
    assert set(FROM_OWNERSHIP) == set(membership.EmployerRegisteredV1.model_fields["ownership"]
                                      .annotation.__args__)  # type: ignore[union-attr]  # fmt: skip


def test_a_v1_census_decodes_as_v2_with_its_counts_kept() -> None:
    data = {
        "org_id": str(uuid.uuid4()),
        "occurred_on": "2024-03-01",
        "employer_id": str(uuid.uuid4()),
        "workers": 30,
        "women": 0,
        "migrant_workers": 12,
    }
    envelope = CloudEvent(
        source="/membership", type="membership.employer.census_updated", dataversion=1, data=data
    )
    decoded = registry.decode(envelope)
    assert type(decoded) is membership.EmployerCensusUpdated
    assert (decoded.workers, decoded.women, decoded.migrant_workers) == (30, 0, 12)
    unknown = membership.EmployerCensusUpdated.model_validate(
        {**data, "women": None, "migrant_workers": None}
    )
    assert (unknown.women, unknown.migrant_workers) == (None, None)
    assert membership.EmployerCensusUpdated.subject() == "membership.employer.census_updated.v2"
