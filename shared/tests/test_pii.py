"""Personal data: authenticated encryption, keyed blind indexes, display masks."""

from __future__ import annotations

import base64
import os

import pytest
from shared.pii import (
    PiiCipher,
    PiiError,
    mask_id_number,
    mask_mobile,
    mask_name,
    person_link,
)
from shared.settings import PersonLinkSettings, ServiceSettings


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
def cipher() -> PiiCipher:
    return PiiCipher(new_key(), "blind-index-key-a")


def test_round_trip_with_a_fresh_nonce_each_time(cipher: PiiCipher) -> None:
    first = cipher.encrypt("11010119900307123X")
    second = cipher.encrypt("11010119900307123X")

    assert cipher.decrypt(first) == cipher.decrypt(second) == "11010119900307123X"
    assert first != second
    assert first[0] == 1  # the key version prefix
    assert b"11010119900307123X" not in first
    assert cipher.decrypt(cipher.encrypt("欧阳娜娜")) == "欧阳娜娜"


def test_bulk_encryption_gives_each_value_its_own_nonce_and_decrypts(cipher: PiiCipher) -> None:
    values = ["11010119900307123X", "11010119900307123X", "欧阳娜娜", ""]
    sealed = cipher.encrypt_many(values)
    assert [cipher.decrypt(token) for token in sealed] == values
    nonces = {token[1:13] for token in sealed}
    assert len(nonces) == len(values)
    assert sealed[0] != sealed[1]
    assert cipher.encrypt_many([]) == []


@pytest.mark.parametrize("position", [0, 5, 20, -1])
def test_any_altered_byte_is_detected(cipher: PiiCipher, position: int) -> None:
    token = bytearray(cipher.encrypt("13812345678"))
    token[position] ^= 0x01

    with pytest.raises(PiiError):
        cipher.decrypt(bytes(token))


def test_truncated_or_foreign_ciphertexts_are_refused(cipher: PiiCipher) -> None:
    token = cipher.encrypt("13812345678")
    stranger = PiiCipher(new_key(), "blind-index-key-a")

    with pytest.raises(PiiError):
        cipher.decrypt(token[:20])
    with pytest.raises(PiiError):
        stranger.decrypt(token)


def test_rotated_keys_still_decrypt_old_values() -> None:
    old_key, new = new_key(), new_key()
    before = PiiCipher(old_key, "idx")
    after = PiiCipher(new, "idx", key_version=2, previous_keys={1: old_key})
    written_before = before.encrypt("13812345678")

    assert after.decrypt(written_before) == "13812345678"
    assert after.needs_reencryption(written_before)
    assert not after.needs_reencryption(after.encrypt("x"))
    assert after.encrypt("x")[0] == 2
    with pytest.raises(PiiError, match="unknown key version"):
        before.decrypt(after.encrypt("x"))


def test_bad_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        PiiCipher(base64.b64encode(b"short").decode(), "idx")
    with pytest.raises(ValueError, match="base64"):
        PiiCipher("not base64!", "idx")
    with pytest.raises(ValueError, match="blind index"):
        PiiCipher(new_key(), "")


def test_blind_index_is_deterministic_normalised_and_keyed(cipher: PiiCipher) -> None:
    other_key = PiiCipher(new_key(), "blind-index-key-b")
    same_index_key = PiiCipher(new_key(), "blind-index-key-a")
    index = cipher.blind_index("11010119900307123X")

    assert index == cipher.blind_index("  11010119900307123x ")
    assert index == cipher.blind_index("１１０１０１１９９００３０７１２３Ｘ")  # full-width input
    assert index == same_index_key.blind_index("11010119900307123X")
    assert index != other_key.blind_index("11010119900307123X")
    assert index != cipher.blind_index("110101199003071230")
    assert len(index) == 64
    assert int(index, 16) >= 0


def test_from_settings_uses_the_configured_keys() -> None:
    settings = ServiceSettings(environment="test")
    cipher = PiiCipher.from_settings(settings)
    again = PiiCipher.from_settings(settings)

    assert again.decrypt(cipher.encrypt("张三")) == "张三"
    assert again.blind_index("张三") == cipher.blind_index("张三")


def test_equal_numbers_give_equal_person_links() -> None:
    link = person_link("11010119900307123X", "link-key-a")

    assert person_link("11010119900307123X", "link-key-a") == link
    assert person_link(" 11010119900307123X ", "link-key-a") == link
    assert person_link("110101199003071234", "link-key-a") != link
    assert len(link) == 64  # hex of HMAC-SHA256
    assert set(link) <= set("0123456789abcdef")


def test_person_link_normalises_the_check_character() -> None:
    assert person_link("11010119900307123x", "link-key-a") == person_link(
        "11010119900307123X", "link-key-a"
    )


def test_different_keys_give_different_person_links() -> None:
    assert person_link("11010119900307123X", "link-key-a") != person_link(
        "11010119900307123X", "link-key-b"
    )


def test_person_link_is_not_the_blind_index_and_needs_a_key() -> None:
    cipher = PiiCipher(new_key(), "same-key", person_link_key="same-key")

    assert cipher.person_link("11010119900307123X") == person_link("11010119900307123X", "same-key")
    with pytest.raises(ValueError, match="person link key"):
        person_link("11010119900307123X", "")
    with pytest.raises(ValueError, match="person link key"):
        PiiCipher(new_key(), "blind-index-key-a").person_link("11010119900307123X")


def test_services_with_the_same_link_key_link_alike_whatever_their_other_keys() -> None:
    training = PiiCipher.from_settings(
        PersonLinkSettings(environment="test", blind_index_key="training-index")  # type: ignore[arg-type]
    )
    assistance = PiiCipher.from_settings(
        PersonLinkSettings(environment="test", blind_index_key="assistance-index")  # type: ignore[arg-type]
    )

    assert training.blind_index("11010119900307123X") != assistance.blind_index(
        "11010119900307123X"
    )
    assert training.person_link("11010119900307123X") == assistance.person_link(
        "11010119900307123x"
    )


def test_masks() -> None:
    assert mask_id_number("11010119900307123X") == "110101********123X"
    assert mask_id_number("110101900307123") == "110101*****7123"  # 15-digit first generation
    assert mask_id_number("12345") == "*****"
    assert mask_mobile("13812345678") == "138****5678"
    assert mask_mobile(" 13812345678 ") == "138****5678"
    assert mask_mobile("12345") == "*****"
    assert mask_name("张三") == "张*"
    assert mask_name("张三丰") == "张**"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("欧阳") == "欧*"  # a two-character name is surname + given name
    assert mask_name("李") == "*"
    assert mask_name("") == ""
