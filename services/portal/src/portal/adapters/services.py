"""The services' public APIs, called with the signed-in user's token (backend for frontend)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

FIELD_PREFIXES = ("body.", "query.", "form.", "path.")
UNREACHABLE = "服务暂时无法访问"


@dataclass
class ApiError(Exception):
    """A service refused: its Chinese title and detail, and the message of each named field."""

    status: int
    title: str
    detail: str = ""
    fields: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.title}：{self.detail}" if self.detail else self.title


def _field_name(path: str) -> str:
    for prefix in FIELD_PREFIXES:
        if path.startswith(prefix):
            return path[len(prefix) :]
    return path


def api_error(response: httpx.Response) -> ApiError:
    """The problem+json of a refused call as an :class:`ApiError`."""
    try:
        problem: dict[str, Any] = response.json()
    except ValueError:
        problem = {}
    fields = {
        _field_name(str(error.get("field", ""))): str(error.get("message", ""))
        for error in problem.get("errors") or []
    }
    title = str(problem.get("title") or f"服务返回错误 ({response.status_code})")
    return ApiError(response.status_code, title, str(problem.get("detail") or ""), fields)


class ServiceApi:
    """One service's API for one user: every call carries the user's bearer token."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, token: str) -> None:
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"}

    async def _send(self, method: str, path: str, **extra: Any) -> httpx.Response:
        """One request; a service that cannot be reached is an :class:`ApiError` (503) too, so a
        page gathering from several services (待办) still shows what the others answered."""
        extra.setdefault("headers", self.headers)
        try:
            return await self.http.request(method, self.base_url + path, **extra)
        except httpx.TransportError as exc:
            raise ApiError(503, UNREACHABLE, "请稍后重试或联系管理员") from exc

    async def get(self, path: str, **params: Any) -> Any:
        """GET a JSON resource; ``None`` values are left out of the query."""
        query = {name: value for name, value in params.items() if value not in (None, "")}
        return self._json(await self._send("GET", path, params=query))

    async def raw(self, path: str, **params: Any) -> httpx.Response:
        """GET a file (a template, a PDF), unread; raises :class:`ApiError` when refused."""
        response = await self._send("GET", path, params=params)
        if response.status_code >= 400:
            raise api_error(response)
        return response

    async def post(
        self, path: str, body: dict[str, Any] | None = None, *, key: str | None = None, **extra: Any
    ) -> Any:
        """POST a command with an idempotency key (the form's own, so a resubmit is one write)."""
        headers = {**self.headers, "Idempotency-Key": key or str(uuid.uuid4())}
        return self._json(await self._send("POST", path, json=body, headers=headers, **extra))

    async def put(self, path: str, body: dict[str, Any], *, key: str | None = None) -> Any:
        """PUT a replacement (a census) with an idempotency key."""
        headers = {**self.headers, "Idempotency-Key": key or str(uuid.uuid4())}
        return self._json(await self._send("PUT", path, json=body, headers=headers))

    async def patch(self, path: str, body: dict[str, Any], *, key: str | None = None) -> Any:
        """PATCH a correction (fields left out stay as they are) with an idempotency key."""
        headers = {**self.headers, "Idempotency-Key": key or str(uuid.uuid4())}
        response = await self.http.patch(self.base_url + path, json=body, headers=headers)
        return self._json(response)

    def _json(self, response: httpx.Response) -> Any:
        if response.status_code >= 400:
            raise api_error(response)
        return response.json() if response.content else None
