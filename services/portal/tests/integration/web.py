"""A browser-less user of the workbench: cookies kept, forms posted with their CSRF token."""

from __future__ import annotations

import re
from typing import Any

import httpx

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class User:
    """One person's cookie jar on the workbench."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.AsyncClient(base_url=base_url, timeout=30, follow_redirects=False)

    async def page(self, path: str) -> httpx.Response:
        """GET a page, following redirects."""
        return await self.client.get(path, follow_redirects=True)

    async def csrf(self, path: str) -> str:
        """The CSRF token of the form on ``path``."""
        found = CSRF.search((await self.page(path)).text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    async def submit(
        self, path: str, form_page: str, data: dict[str, Any], **extra: Any
    ) -> httpx.Response:
        """POST ``data`` with the CSRF token of ``form_page``."""
        token = await self.csrf(form_page)
        return await self.client.post(path, data={"csrf_token": token, **data}, **extra)

    async def sign_in(self, username: str, password: str) -> httpx.Response:
        """Sign in through the login form."""
        return await self.submit("/login", "/login", {"username": username, "password": password})

    async def close(self) -> None:
        await self.client.aclose()
