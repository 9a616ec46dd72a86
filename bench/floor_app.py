"""The framework floor: the least a FastAPI command endpoint costs on this machine.

One route, ``POST /items``: a pydantic body, one transaction inserting one row and reading it
back, the row as JSON with 201. No authentication, idempotency key, scope check, outbox,
encryption, logging or middleware. It is served the way the services are (one uvicorn worker,
the same loop and HTTP parser), so its rate in a run is the ceiling the write API is measured
against: what is left between the two is what the platform's guarantees cost.

Run as ``python -m bench.floor_app --port N`` with ``DATABASE_URL`` set.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from uuid import UUID, uuid4

import asyncpg
from fastapi import FastAPI, Request
from pydantic import BaseModel
from shared.lifecycle.serving import serve_http

TABLE = "bench_floor_items"


class ItemIn(BaseModel):
    """The same shape of body an admission carries."""

    name: str
    id_number: str
    mobile: str | None = None
    household_type: str
    employer_id: UUID
    union_id: UUID
    joined_on: date


class ItemOut(ItemIn):
    id: UUID


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=10, max_size=10)
    await pool.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id uuid PRIMARY KEY, name text NOT NULL, "
        "id_number text NOT NULL, mobile text, household_type text NOT NULL, "
        "employer_id uuid NOT NULL, union_id uuid NOT NULL, joined_on date NOT NULL)"
    )
    app.state.pool = pool
    yield
    await pool.close()


app = FastAPI(lifespan=_lifespan)


@app.get("/readyz")
async def ready() -> dict[str, str]:
    """Ready once the pool is open."""
    return {"status": "ok"}


@app.post("/items", status_code=201)
async def create_item(body: ItemIn, request: Request) -> ItemOut:
    """Insert one row in a transaction and answer with it."""
    pool: asyncpg.Pool[asyncpg.Record] = request.app.state.pool
    async with pool.acquire() as conn, conn.transaction():
        row = await conn.fetchrow(
            f"INSERT INTO {TABLE} VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *",
            uuid4(), body.name, body.id_number, body.mobile, body.household_type,
            body.employer_id, body.union_id, body.joined_on,
        )  # fmt: skip
    assert row is not None
    return ItemOut(**dict(row))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.floor_app", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    serve_http(app, host=arguments.host, port=arguments.port)


if __name__ == "__main__":
    main()
