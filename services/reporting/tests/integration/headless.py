"""Debian's headless Chromium driven from the command line, and a stdlib PNG decoder.

The browser signs in the way a person does: it submits the login form (a POST with the token
in its body) from a local HTML file, follows the redirect with the session cookie it was just
given, and then dumps or photographs the dashboard. The token never appears in a URL.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from collections import Counter
from html import escape
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install it with `apt-get install chromium fonts-noto-cjk`"
        )
    return CHROMIUM


def sign_in_page(workdir: Path, base_url: str, token: str, target: str) -> str:
    """A local page that posts the login form at once; its file is readable by its owner only."""
    page = workdir / "sign-in.html"
    page.write_text(
        f'<!doctype html><form method="post" action="{escape(base_url)}/login">'
        f'<input name="token" value="{escape(token)}"><input name="next" value="{escape(target)}">'
        "</form><script>document.forms[0].submit()</script>",
        encoding="utf-8",
    )
    page.chmod(0o600)
    return page.as_uri()


def run(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile under ``workdir``; fails the test on a non-zero exit."""
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    done = subprocess.run(
        [str(require_chromium()), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered RGB(A) rows of an 8-bit truecolour PNG."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    position, chunks, header = 8, [], b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour_type, interlace) in ((8, 2, 0), (8, 6, 0)), "unexpected PNG layout"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous = [], bytes(stride)
    for index in range(height):
        start = index * (stride + 1)
        row = _unfilter(raw[start], raw[start + 1 : start + 1 + stride], previous, channels)
        rows.append(row)
        previous = row
    return width, height, rows


def colour_counts(rows: list[bytes], channels: int) -> Counter[bytes]:
    """How many pixels of each RGB colour."""
    counts: Counter[bytes] = Counter()
    for row in rows:
        counts.update(row[i : i + 3] for i in range(0, len(row), channels))
    return counts


def _unfilter(kind: int, line: bytes, above: bytes, bpp: int) -> bytes:
    if kind == 0:
        return line
    if kind == 2:
        return _add_bytes(line, above)
    out = bytearray(line)
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        up, corner = above[i], (above[i - bpp] if i >= bpp else 0)
        if kind == 1:
            out[i] = (out[i] + left) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + (left + up) // 2) & 0xFF
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            out[i] = (out[i] + guess) & 0xFF
    return bytes(out)


def _add_bytes(a: bytes, b: bytes) -> bytes:
    """Bytewise ``(a + b) mod 256`` on whole rows at once: carries never cross a byte."""
    size = len(a)
    low, high = int.from_bytes(b"\x7f" * size), int.from_bytes(b"\x80" * size)
    x, y = int.from_bytes(a), int.from_bytes(b)
    return (((x & low) + (y & low)) ^ ((x ^ y) & high)).to_bytes(size)
