"""Uploaded archives are measured from their directory before anything is unpacked or parsed."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import load_workbook
from shared.testing.hostile_files import entity_expansion_xlsx, plain_xlsx, zip_bomb_xlsx
from shared.uploads import (
    ArchiveLimits,
    ArchiveTooLarge,
    MalformedArchive,
    check_archive,
    is_unsafe_xml,
    parser_is_safe,
)

MB = 1024 * 1024


def test_an_ordinary_workbook_passes() -> None:
    check_archive(plain_xlsx(["姓名", "身份证号"], ["张三", "11010119900307123X"]), ArchiveLimits())


def test_a_bomb_is_refused_by_its_declared_size_without_unpacking() -> None:
    bomb = zip_bomb_xlsx(300 * MB)
    assert len(bomb) < 400 * 1024  # about 300 KB on the wire

    tracemalloc.start()
    try:
        with pytest.raises(ArchiveTooLarge, match="300 MB") as refused:
            check_archive(bomb, ArchiveLimits(max_unpacked_bytes=200 * MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert "200 MB" in refused.value.message
    assert peak < 5 * MB  # the directory only, never the content


def test_a_small_bomb_under_the_total_is_refused_for_its_ratio() -> None:
    bomb = zip_bomb_xlsx(20 * MB)

    with pytest.raises(ArchiveTooLarge, match="压缩比"):
        check_archive(bomb, ArchiveLimits(max_unpacked_bytes=200 * MB, max_ratio=100))
    check_archive(bomb, ArchiveLimits(max_unpacked_bytes=200 * MB, max_ratio=5000))


def test_an_archive_of_countless_entries_is_refused_before_its_directory_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(50):
            archive.writestr(f"e{number}", b"")

    with pytest.raises(ArchiveTooLarge, match="多于 20 个"):
        check_archive(buffer.getvalue(), ArchiveLimits(max_entries=20))


@pytest.mark.parametrize("content", [b"PK\x03\x04 not really", b"", b"\x00" * 100])
def test_what_is_not_a_zip_is_malformed(content: bytes) -> None:
    with pytest.raises(MalformedArchive):
        check_archive(content, ArchiveLimits())


def test_openpyxl_parses_through_defusedxml_and_refuses_entities() -> None:
    assert parser_is_safe()

    with pytest.raises(Exception) as refused:  # noqa: PT011 - openpyxl wraps the parser's error
        load_workbook(io.BytesIO(entity_expansion_xlsx()), read_only=True)

    assert is_unsafe_xml(refused.value)
    assert not is_unsafe_xml(ValueError("something else"))
