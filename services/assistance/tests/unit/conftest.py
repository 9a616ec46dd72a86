"""Fixtures every service-layer unit test shares: the in-memory store and its unit of work."""

from __future__ import annotations

import pytest

from .fakes import FakeStore, FakeUnitOfWork


@pytest.fixture
def store() -> FakeStore:
    return FakeStore()


@pytest.fixture
def uow(store: FakeStore) -> FakeUnitOfWork:
    return FakeUnitOfWork(store)
