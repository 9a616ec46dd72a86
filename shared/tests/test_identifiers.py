"""Check characters and formats of ID numbers, USCCs and mobiles."""

import uuid
from datetime import date

import pytest
from shared.identifiers import (
    InvalidIdentifier,
    id_number_check_char,
    make_id_number,
    make_uscc,
    random_uuids,
    uscc_check_char,
    validate_id_number,
    validate_mobile,
    validate_uscc,
)

TODAY = date(2025, 6, 30)
# The worked example of GB 11643-1999 (female, born 1949-12-31, Beijing Xicheng).
STANDARD_EXAMPLE = "11010519491231002X"


class TestIdNumber:
    def test_the_standard_example_is_valid_and_decoded(self) -> None:
        number = validate_id_number(STANDARD_EXAMPLE, today=TODAY)
        assert number.value == STANDARD_EXAMPLE
        assert number.birth_date == date(1949, 12, 31)
        assert number.sex == "female"
        assert number.region_code == "110105"
        assert number.birth_year == 1949

    def test_lower_case_x_and_blanks_are_normalised(self) -> None:
        number = validate_id_number(" 11010519491231002x ", today=TODAY)
        assert number.value == STANDARD_EXAMPLE

    def test_odd_seventeenth_digit_is_male(self) -> None:
        value = make_id_number("440303", date(1990, 5, 17), 12, "male")
        assert int(value[16]) % 2 == 1
        assert validate_id_number(value, today=TODAY).sex == "male"

    def test_generated_numbers_validate_for_both_sexes(self) -> None:
        for seq in range(100):
            for sex in ("male", "female"):
                value = make_id_number("440303", date(1985, 2, 28), seq, sex)
                decoded = validate_id_number(value, today=TODAY)
                assert (decoded.sex, decoded.birth_date) == (sex, date(1985, 2, 28))

    def test_check_char_is_mod_11_2(self) -> None:
        assert id_number_check_char(STANDARD_EXAMPLE[:17]) == "X"
        assert id_number_check_char("44052418800101001") == "4"

    @pytest.mark.parametrize("wrong", ["0", "1", "2", "9"])
    def test_wrong_check_character_is_refused(self, wrong: str) -> None:
        with pytest.raises(InvalidIdentifier, match="校验位错误"):
            validate_id_number(STANDARD_EXAMPLE[:17] + wrong, today=TODAY)

    def test_a_changed_digit_breaks_the_check(self) -> None:
        tampered = "11010519491231012X"
        with pytest.raises(InvalidIdentifier, match="校验位错误"):
            validate_id_number(tampered, today=TODAY)

    def test_birth_date_in_the_future_is_refused(self) -> None:
        value = make_id_number("440303", date(2025, 7, 1), 1, "male")
        with pytest.raises(InvalidIdentifier, match="晚于今天"):
            validate_id_number(value, today=TODAY)
        assert validate_id_number(value, today=date(2025, 7, 1)).birth_date == date(2025, 7, 1)

    def test_impossible_birth_date_is_refused(self) -> None:
        body = "44030319900230001"  # 30 February
        with pytest.raises(InvalidIdentifier, match="出生日期无效"):
            validate_id_number(body + id_number_check_char(body), today=TODAY)

    def test_birth_year_before_1900_is_refused(self) -> None:
        body = "44030318991231001"
        with pytest.raises(InvalidIdentifier, match="1900"):
            validate_id_number(body + id_number_check_char(body), today=TODAY)

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("1101051949123100", "18位"),
            ("11010519491231002XX", "18位"),
            ("X1010519491231002X", "格式错误"),
            ("110105194912310A2X", "格式错误"),
            ("１１０１０５１９４９１２３１００２X", "格式错误"),  # full-width digits
        ],
    )
    def test_malformed_numbers_are_refused(self, value: str, message: str) -> None:
        with pytest.raises(InvalidIdentifier, match=message):
            validate_id_number(value, today=TODAY)

    def test_the_error_is_a_value_error_without_the_number(self) -> None:
        with pytest.raises(ValueError, match="校验位错误") as caught:
            validate_id_number("110105194912310021", today=TODAY)
        assert "110105194912310021" not in str(caught.value)

    def test_repr_does_not_show_the_number(self) -> None:
        assert STANDARD_EXAMPLE not in repr(validate_id_number(STANDARD_EXAMPLE, today=TODAY))

    def test_generator_rejects_bad_arguments(self) -> None:
        with pytest.raises(InvalidIdentifier):
            make_id_number("4403", date(1990, 1, 1), 1, "male")
        with pytest.raises(InvalidIdentifier):
            make_id_number("440303", date(1990, 1, 1), 100, "male")


class TestUscc:
    @pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
    def test_real_codes_are_valid(self, code: str) -> None:
        assert validate_uscc(code) == code

    def test_lower_case_is_accepted_and_upper_cased(self) -> None:
        assert validate_uscc(" 91350100m000100y43 ") == "91350100M000100Y43"

    def test_check_char_follows_gb_32100(self) -> None:
        assert uscc_check_char("91350100M000100Y4") == "3"
        assert uscc_check_char("91110000600037341") == "L"

    def test_wrong_check_character_is_refused(self) -> None:
        with pytest.raises(InvalidIdentifier, match="校验位错误"):
            validate_uscc("91350100M000100Y44")

    @pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
    def test_letters_outside_the_alphabet_are_refused(self, letter: str) -> None:
        with pytest.raises(InvalidIdentifier, match="非法字符"):
            validate_uscc("91350100M000100" + letter + "43")

    def test_wrong_length_is_refused(self) -> None:
        with pytest.raises(InvalidIdentifier, match="18位"):
            validate_uscc("91350100M000100Y4")

    def test_generated_codes_validate(self) -> None:
        for seq in range(200):
            code = make_uscc(f"91440300MA5{seq:06d}")
            assert validate_uscc(code) == code
        assert make_uscc("91350100m000100y4") == "91350100M000100Y43"

    def test_a_weighted_sum_divisible_by_31_gives_check_0(self) -> None:
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

        def weighted_sum(body: str) -> int:
            return sum(alphabet.index(c) * w for c, w in zip(body, weights, strict=True))

        body = next(
            candidate
            for n in range(10_000)
            if weighted_sum(candidate := f"9144030000000{n:04d}") % 31 == 0
        )
        assert uscc_check_char(body) == "0"
        assert validate_uscc(body + "0") == body + "0"


class TestMobile:
    @pytest.mark.parametrize("number", ["13812345678", "19912345678", " 15000000000 "])
    def test_mainland_mobiles_are_valid(self, number: str) -> None:
        assert validate_mobile(number) == number.strip()

    @pytest.mark.parametrize(
        "number", ["12812345678", "1381234567", "138123456789", "23812345678", "1381234567a", ""]
    )
    def test_others_are_refused(self, number: str) -> None:
        with pytest.raises(InvalidIdentifier, match="手机号码"):
            validate_mobile(number)


def test_random_uuids_are_distinct_version_4_ids() -> None:
    ids = random_uuids(500)
    assert len(set(ids)) == 500
    assert {found.version for found in ids} == {4}
    assert {found.variant for found in ids} == {uuid.RFC_4122}
    assert random_uuids(0) == []
