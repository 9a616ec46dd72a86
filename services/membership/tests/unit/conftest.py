from __future__ import annotations

import pytest

from .builders import World, build_world
from .fakes import FakeStore, FakeUnitOfWork


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow(store: FakeStore) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)


@pytest.fixture
async def world(uow: FakeUnitOfWork) -> World:
    return await build_world(uow)
