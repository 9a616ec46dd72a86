"""Amounts of money written the way Chinese financial documents write them.

An agreement, a receipt or a certificate of payment states an amount twice: in figures
(``¥12,345.67``) and in capitals (``壹万贰仟叁佰肆拾伍元陆角柒分``), so that neither can be
altered alone. The capitals follow the conventions of 《会计基础工作规范》: a zero inside the
number is written once as 零, an amount of whole yuan ends in 整, tens are written 壹拾.
"""

from __future__ import annotations

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿", "万亿")


def fen_in_figures(fen: int) -> str:
    """An amount in fen as figures with the yuan sign and thousands separators.

    Args:
        fen: the amount in fen (分), not negative.

    Returns:
        For example ``¥12,345.67`` for 1234567.

    Raises:
        ValueError: a negative amount.
    """
    _refuse_negative(fen)
    yuan, cents = divmod(fen, 100)
    return f"¥{yuan:,}.{cents:02d}"


def fen_in_capitals(fen: int) -> str:
    """An amount in fen in Chinese financial capitals (人民币大写).

    Args:
        fen: the amount in fen (分), not negative.

    Returns:
        For example ``壹万贰仟叁佰肆拾伍元陆角柒分`` for 1234567, ``壹佰元整`` for 10000,
        ``零元整`` for 0.

    Raises:
        ValueError: a negative amount, or one of ten thousand 万亿 yuan or more.
    """
    _refuse_negative(fen)
    yuan, cents = divmod(fen, 100)
    if yuan >= 10_000**4:
        raise ValueError("amount too large for Chinese capitals")
    jiao, fen_digit = divmod(cents, 10)
    if cents == 0:
        return f"{_yuan_words(yuan)}元整"
    words = f"{_yuan_words(yuan)}元" if yuan else ""
    if jiao:
        words += f"{_DIGITS[jiao]}角"
    elif yuan:
        words += "零"  # 壹佰元零伍分: the missing jiao is said
    if fen_digit:
        words += f"{_DIGITS[fen_digit]}分"
    return words


def _yuan_words(yuan: int) -> str:
    if yuan == 0:
        return "零"
    groups = []
    while yuan:
        yuan, group = divmod(yuan, 10_000)
        groups.append(group)
    words = ""
    skipped_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            skipped_zero = True
            continue
        if words and (skipped_zero or group < 1000):
            words += "零"  # 壹拾万零壹佰: a gap inside the number is one 零
        words += _group_words(group) + _GROUPS[index]
        skipped_zero = False
    return words


def _group_words(group: int) -> str:
    words = ""
    zero_pending = False
    for place in range(3, -1, -1):
        digit = group // 10**place % 10
        if digit == 0:
            zero_pending = bool(words)
            continue
        if zero_pending:
            words += "零"
            zero_pending = False
        words += _DIGITS[digit] + _PLACES[place]
    return words


def _refuse_negative(fen: int) -> None:
    if fen < 0:
        raise ValueError("amount must not be negative")
