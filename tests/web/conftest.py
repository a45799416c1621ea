"""The web tests read one store: the demo corpus plus a hostile page (see websupport)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from websupport import demo_site_db

from newsdesk.store import Store
from newsdesk.web import create_app


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """The demo site's store (built once per session, read-only by convention)."""
    with Store(demo_site_db()) as s:
        yield s


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))
