"""What the annual report pages show, read from their HTML: each table's cells (text and link),
headings and file links, and a drill-down's facts and next page."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ShownTable:
    code: str
    heading: str = ""
    headings: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class AnnualDom(HTMLParser):
    """Tables by code; facts (ids) and the 下一页 link of a drill-down page; labels of controls."""

    tables: dict[str, ShownTable] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)
    fact_headings: list[str] = field(default_factory=list)
    next_page: str | None = None
    controls: list[tuple[str, bool]] = field(default_factory=list)
    _table: ShownTable | None = None
    _cell: str | None = None
    _text: list[str] | None = None
    _link: dict[str, str] | None = None
    _labels: int = 0
    _in_facts: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "section" and "annual-table" in a.get("class", ""):
            self._table = self.tables.setdefault(a["data-table"], ShownTable(a["data-table"]))
        if tag == "section" and "annual-facts" in a.get("class", ""):
            self._in_facts = True
        if tag == "label":
            self._labels += 1
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append((a.get("name", ""), self._labels > 0))
        if tag == "tr" and "data-fact" in a:
            self.facts.append(a["data-fact"])
        if tag == "td" and "data-cell" in a:
            self._cell, self._text = a["data-cell"], []
        elif tag in ("th", "h2", "a"):
            self._text = []
        if tag == "a":
            self._link = a

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._text or []).strip()
        if tag == "label":
            self._labels -= 1
        if tag == "section":
            self._table, self._in_facts = None, False
        if tag == "td" and self._cell is not None and self._table is not None:
            self._table.cells[self._cell] = text
            self._cell = None
        if tag == "th" and self._table is not None:
            self._table.headings.append(text)
        if tag == "th" and self._in_facts:
            self.fact_headings.append(text)
        if tag == "h2" and self._table is not None:
            self._table.heading = text
        if tag == "a" and self._link is not None:
            self._anchor(self._link, text)
            self._link = None

    def _anchor(self, link: dict[str, str], text: str) -> None:
        href = link.get("href", "")
        if self._table is not None and self._cell is not None:
            self._table.links[self._cell] = href
        elif self._table is not None and "data-format" in link:
            self._table.files[link["data-format"]] = href
        if link.get("rel") == "next" and text == "下一页":
            self.next_page = href

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def parsed(html: str) -> AnnualDom:
    dom = AnnualDom()
    dom.feed(html)
    return dom
