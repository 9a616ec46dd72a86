"""The cells of a hardship-file row that are more than one value: codes by their Chinese
labels, the causes (several in one cell) and the family members (all in one cell).

The 家庭成员 cell lists the members separated by ``；`` (or ``;`` or a line break), each as
``关系:姓名:身份证号`` (full-width ``：`` too; the ID number may be left out for a child
without one), e.g. ``配偶:王芳:320102198001011234；子女:李娃``. One cell per household is what
a cadre can fill in Excel without keeping two sheets in step.
"""

from __future__ import annotations

import re

from shared.seedwork import InvalidValue

from assistance.domain.households.codes import HardshipCause, HardshipLevel, Relation
from assistance.service_layer.households.commands import RelativeIn
from assistance.service_layer.households.input import MAX_FAMILY
from assistance.service_layer.imports.rows import RowContext, code, id_number

LEVELS = {
    HardshipLevel.DEEP: "深度困难",
    HardshipLevel.RELATIVE: "相对困难",
    HardshipLevel.ACCIDENT: "意外致困",
}
CAUSES = {
    HardshipCause.ILLNESS: "疾病",
    HardshipCause.DISABILITY: "残疾",
    HardshipCause.CHILD_EDUCATION: "子女就学",
    HardshipCause.UNEMPLOYMENT: "下岗失业",
    HardshipCause.ACCIDENT: "意外事故",
    HardshipCause.LOW_INCOME: "低收入",
    HardshipCause.OTHER: "其他",
}
RELATIONS = {
    Relation.SPOUSE: "配偶",
    Relation.CHILD: "子女",
    Relation.PARENT: "父母",
    Relation.SIBLING: "兄弟姐妹",
    Relation.GRANDPARENT: "祖父母",
    Relation.GRANDCHILD: "孙子女",
    Relation.OTHER: "其他",
}
_YES, _NO = ("是", "y", "yes", "true", "1"), ("", "否", "n", "no", "false", "0")
_ENTRIES = re.compile(r"[;；\n]+")
_PARTS = re.compile(r"[:：]")
_LIST = re.compile(r"[、,，;；/\s]+")


def parse_family(text: str, context: RowContext) -> tuple[RelativeIn, ...]:
    """The 家庭成员 cell → family members; an ID number given must be valid.

    Raises:
        InvalidValue: naming ``family``, the member by position (第2位家庭成员).
    """
    entries = [entry.strip() for entry in _ENTRIES.split(text) if entry.strip()]
    if len(entries) > MAX_FAMILY:
        raise InvalidValue(f"家庭成员不能超过{MAX_FAMILY}人", field="family")
    return tuple(_relative(n, entry, context) for n, entry in enumerate(entries, start=1))


def _relative(position: int, entry: str, context: RowContext) -> RelativeIn:
    where = f"第{position}位家庭成员："
    parts = [part.strip() for part in _PARTS.split(entry)]
    if len(parts) not in (2, 3) or not parts[1]:
        raise InvalidValue(where + "应写成“关系:姓名:身份证号”（身份证号可省略）", field="family")
    try:
        relation = code(parts[0], RELATIONS, field="family", label="与户主关系")
        number = (
            id_number(parts[2], field="family", today=context.today)
            if len(parts) == 3 and parts[2]
            else None
        )
    except InvalidValue as error:
        raise InvalidValue(where + error.message, field="family") from None
    return RelativeIn(relation=relation, name=parts[1], id_number=number)


def parse_causes(text: str) -> tuple[HardshipCause, ...]:
    """Several causes in one cell, separated by 、 , ; / or blanks.

    Raises:
        InvalidValue: none given, or one unknown (listing those accepted).
    """
    words = [word for word in _LIST.split(text) if word]
    if not words:
        raise InvalidValue("致困原因不能为空", field="causes")
    return tuple(code(word, CAUSES, field="causes", label="致困原因") for word in words)


def parse_yes_no(text: str) -> bool:
    """是/否 (also y/n, yes/no, true/false, 1/0); blank is 否.

    Raises:
        InvalidValue: anything else.
    """
    value = text.strip().lower()
    if value in _YES or value in _NO:
        return value in _YES
    raise InvalidValue("临时救助应填“是”或“否”", field="temporary")
