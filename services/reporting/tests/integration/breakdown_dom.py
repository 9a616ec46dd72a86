"""What a dashboard's children table and breadcrumb show, read from the page's HTML."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class Breakdown(HTMLParser):
    """The children table's rows (kind, org id, drill link, cells) and the breadcrumb."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[dict[str, Any]] = []
        self.crumbs: list[tuple[str | None, str]] = []
        self.notes: list[str] = []
        self._in: str | None = None
        self._text = ""
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "section" and "breakdown" in classes:
            self._in = "table"
        elif self._in and tag == "tr" and classes:
            self.rows.append({"kind": classes[0], "org": found.get("data-org-id"), "cells": []})
        elif tag == "nav" and "crumbs" in classes:
            self._in = "crumbs"
        elif tag in ("td", "th", "a", "span", "p"):
            self._text, self._href = "", found.get("href") or self._href
            if tag == "a" and self._in == "table" and self.rows:
                self.rows[-1]["link"] = found["href"]

    def handle_data(self, data: str) -> None:
        self._text += data

    def handle_endtag(self, tag: str) -> None:
        text = self._text.strip()
        if self._in == "crumbs" and tag in ("a", "span"):
            self.crumbs.append((self._href if tag == "a" else None, text))
            self._href = None
        elif self._in == "crumbs" and tag == "nav":
            self._in = None
        elif self._in == "table" and tag == "th":
            self.headers.append(text)
        elif self._in == "table" and tag == "td" and self.rows:
            self.rows[-1]["cells"].append(text)
        elif self._in == "table" and tag == "p":
            self.notes.append(text)
        elif tag == "section":
            self._in = None


def parsed(html: str) -> Breakdown:
    page = Breakdown()
    page.feed(html)
    return page


def column(page: Breakdown, header: str) -> dict[str, int]:
    """One column of the table by row label (child name, 本级, 合计), as numbers."""
    at = page.headers.index(header)
    return {row["cells"][0]: int(row["cells"][at]) for row in page.rows}


async def signed_in_page(http: Any, token: str, path: str, **params: str) -> Breakdown:
    """``path`` read with the session the login form gives for ``token``."""
    signed = await http.post("/login", data={"token": token})
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"].split(";")[0]
    shown = await http.get(path, params=params, headers={"Cookie": cookie})
    assert shown.status_code == 200, shown.text
    return parsed(shown.text)


def adds_up(page: Breakdown, header: str) -> None:
    """The children rows and 本级 of ``header`` sum to its 合计."""
    figures = column(page, header)
    assert sum(n for label, n in figures.items() if label != "合计") == figures["合计"], header
