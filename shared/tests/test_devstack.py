"""The embedded stack starts real servers that answer."""

import asyncpg
import nats


async def test_database_is_fresh_and_real(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        tables = await conn.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        assert tables == 0
        assert (await conn.fetchval("SHOW server_version")).startswith(("15", "16", "17", "18"))
    finally:
        await conn.close()


async def test_nats_has_jetstream_and_no_streams(nats_url: str) -> None:
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        info = await js.account_info()
        assert info.streams == 0
    finally:
        await nc.close()
