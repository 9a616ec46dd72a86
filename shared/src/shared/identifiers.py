"""Validators for Chinese identifiers every service meets: ID numbers, USCCs, mobiles.

Pure standard library, so a service's domain layer may import it. Each validator returns the
normalised value or raises :class:`InvalidIdentifier` with a Chinese message naming the fault.
The ``make_*`` generators compute check characters for tests and demo data.
"""

from __future__ import annotations

import operator
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Literal
from uuid import UUID

Sex = Literal["male", "female"]

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")
"""China keeps one offset all year (no daylight saving), so a fixed offset is exact."""

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# Weighing the digits' ASCII codes adds '0' (48) times each weight; taken off once.
_ASCII_ZERO_WEIGHT = ord("0") * sum(_ID_WEIGHTS)
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")
_EARLIEST_BIRTH_YEAR = 1900

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters of GB 32100-2015 (no I, O, S, V, Z)."""
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_MOBILE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


class InvalidIdentifier(ValueError):
    """An identifier failed validation.

    Attributes:
        message: Chinese, user-facing description of the fault (never echoes the value).
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def today_in_china() -> date:
    """Today's date in China, whatever the server's time zone."""
    return datetime.now(CHINA_TZ).date()


@dataclass(frozen=True)
class IdNumber:
    """A validated 18-character resident ID number (居民身份证号) and what it encodes.

    Attributes:
        value: the normalised number (upper-case ``X``); kept out of ``repr`` so it never lands
            in a log line or traceback by accident.
        birth_date: date of birth, characters 7-14.
        sex: ``male`` when the 17th digit is odd, else ``female``.
        region_code: administrative division code of first registration, characters 1-6.
    """

    value: str = field(repr=False)
    birth_date: date
    sex: Sex
    region_code: str

    @property
    def birth_year(self) -> int:
        """Year of birth, the only part of the birth date fit for statistics."""
        return self.birth_date.year


def id_number_check_char(body17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 digits.

    Raises:
        InvalidIdentifier: ``body17`` is not 17 digits.
    """
    if len(body17) != 17 or not body17.isascii() or not body17.isdigit():
        raise InvalidIdentifier("身份证号本体应为17位数字")
    # On the bytes: a roster import checks tens of thousands of numbers a second.
    total = sum(map(operator.mul, body17.encode(), _ID_WEIGHTS)) - _ASCII_ZERO_WEIGHT
    return _ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str, *, today: date | None = None) -> IdNumber:
    """Validate an 18-character resident ID number.

    Args:
        value: the number; surrounding blanks are ignored and a lower-case ``x`` is accepted.
        today: the reference date for "not born in the future" (default: today in China).

    Returns:
        The normalised number with the birth date, sex and region it encodes.

    Raises:
        InvalidIdentifier: wrong length or characters, impossible birth date, or a wrong
            check character.
    """
    normalised = value.strip().upper()
    if len(normalised) != 18:
        raise InvalidIdentifier("身份证号应为18位")
    if not normalised.isascii() or not _ID_PATTERN.match(normalised):
        raise InvalidIdentifier("身份证号格式错误：前17位应为数字，末位为数字或X")
    birth_date = _birth_date(normalised[6:14], today or today_in_china())
    if id_number_check_char(normalised[:17]) != normalised[17]:
        raise InvalidIdentifier("身份证号校验位错误")
    sex: Sex = "male" if int(normalised[16]) % 2 == 1 else "female"
    return IdNumber(value=normalised, birth_date=birth_date, sex=sex, region_code=normalised[:6])


def _birth_date(yyyymmdd: str, today: date) -> date:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:]))
    except ValueError:
        raise InvalidIdentifier("身份证号中的出生日期无效") from None
    if born.year < _EARLIEST_BIRTH_YEAR:
        raise InvalidIdentifier("身份证号中的出生年份早于1900年")
    if born > today:
        raise InvalidIdentifier("身份证号中的出生日期晚于今天")
    return born


def make_id_number(region: str, birth_date: date, seq: int, sex: Sex) -> str:
    """Build a valid ID number, for tests and demo data.

    Args:
        region: six-digit region code, e.g. ``"440303"``.
        birth_date: date of birth.
        seq: order number 0-99 within the day; the sex digit is appended to it.
        sex: ``male`` gives an odd 17th digit, ``female`` an even one.

    Raises:
        InvalidIdentifier: the region is not six digits or ``seq`` is out of range.
    """
    if len(region) != 6 or not region.isdigit():
        raise InvalidIdentifier("地区代码应为6位数字")
    if not 0 <= seq <= 99:
        raise InvalidIdentifier("顺序号应在0到99之间")
    sex_digit = (seq % 5) * 2 + (1 if sex == "male" else 0)
    body = f"{region}{birth_date:%Y%m%d}{seq:02d}{sex_digit}"
    return body + id_number_check_char(body)


def uscc_check_char(body17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a USCC.

    Raises:
        InvalidIdentifier: ``body17`` is not 17 characters of the USCC alphabet.
    """
    if len(body17) != 17 or any(char not in USCC_ALPHABET for char in body17):
        raise InvalidIdentifier("统一社会信用代码本体应为17位合法字符")
    total = sum(
        USCC_ALPHABET.index(char) * weight
        for char, weight in zip(body17, _USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Validate a unified social credit code (统一社会信用代码).

    Args:
        value: the code; surrounding blanks are ignored, lower case is accepted.

    Returns:
        The upper-case code.

    Raises:
        InvalidIdentifier: wrong length, a character outside the alphabet (I, O, S, V, Z are
            never used) or a wrong check character.
    """
    normalised = value.strip().upper()
    if len(normalised) != 18:
        raise InvalidIdentifier("统一社会信用代码应为18位")
    if any(char not in USCC_ALPHABET for char in normalised):
        raise InvalidIdentifier("统一社会信用代码含有非法字符（不使用I、O、S、V、Z）")
    if uscc_check_char(normalised[:17]) != normalised[17]:
        raise InvalidIdentifier("统一社会信用代码校验位错误")
    return normalised


def make_uscc(body17: str) -> str:
    """Append the check character to 17 USCC characters, for tests and demo data.

    Raises:
        InvalidIdentifier: ``body17`` is not 17 characters of the USCC alphabet.
    """
    body = body17.upper()
    return body + uscc_check_char(body)


def validate_mobile(value: str) -> str:
    """Validate a mainland China mobile number (11 digits starting 13-19).

    Args:
        value: the number; surrounding blanks are ignored.

    Returns:
        The number without surrounding blanks.

    Raises:
        InvalidIdentifier: not a mainland mobile number.
    """
    normalised = value.strip()
    if not normalised.isascii() or not _MOBILE_PATTERN.match(normalised):
        raise InvalidIdentifier("手机号码格式错误：应为1开头的11位大陆手机号")
    return normalised


def random_uuids(count: int) -> list[UUID]:
    """``count`` random (version 4) UUIDs from one draw of the system's randomness.

    ``uuid4()`` asks the operating system once per id, releasing the interpreter lock each
    time; a bulk import that needs thousands at once takes them in one call instead.
    """
    pool = os.urandom(16 * count)
    return [UUID(bytes=pool[i : i + 16], version=4) for i in range(0, 16 * count, 16)]
