"""Chinese messages and field paths for request validation errors (pydantic error types)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# Keyed by pydantic-core error type; ``{name}`` placeholders come from the error's ``ctx``.
_MESSAGES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不允许的字段",
    "string_type": "应为字符串",
    "string_too_short": "长度不能少于 {min_length} 个字符",
    "string_too_long": "长度不能超过 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_max_digits": "数字位数不能超过 {max_digits} 位",
    "decimal_max_places": "小数位数不能超过 {decimal_places} 位",
    "bool_type": "应为布尔值",
    "bool_parsing": "应为布尔值",
    "greater_than": "必须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "必须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "multiple_of": "必须是 {multiple_of} 的倍数",
    "enum": "取值必须是以下之一：{expected}",
    "literal_error": "取值必须是以下之一：{expected}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD），不含时间",
    "datetime_type": "应为日期时间（ISO 8601）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601）",
    "timezone_aware": "日期时间必须带时区",
    "uuid_type": "应为 UUID",
    "uuid_parsing": "应为 UUID",
    "list_type": "应为列表",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "最多允许 {max_length} 项",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "url_type": "应为网址",
    "url_parsing": "应为网址",
    "json_invalid": "不是合法的 JSON",
}
_DEFAULT_MESSAGE = "取值无效"


def field_path(loc: Sequence[int | str]) -> str:
    """``("body", "members", 0, "name")`` → ``"body.members[0].name"``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def chinese_message(error: Mapping[str, Any]) -> str:
    """A Chinese message for one pydantic error.

    Custom validators (``value_error``, ``assertion_error``) already speak to the user: their
    own message is kept, without pydantic's English prefix.
    """
    context: Mapping[str, Any] = error.get("ctx") or {}
    if error.get("type") in ("value_error", "assertion_error") and "error" in context:
        return str(context["error"])
    template = _MESSAGES.get(str(error.get("type")))
    if template is None:
        return _DEFAULT_MESSAGE
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template.split("{", 1)[0].rstrip("：:， ") or _DEFAULT_MESSAGE
