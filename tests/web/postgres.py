"""Databases and roles of its own that a test makes on the PostgreSQL server the suite runs
against, named after the suite's database (``<name>_…``), so that two people's runs never meet."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest


def server_url() -> str:
    """The superuser URL the suite was given (DATABASE_URL, else TARTAN_TEST_POSTGRES)."""
    url = os.environ.get("DATABASE_URL") or os.environ.get("TARTAN_TEST_POSTGRES")
    if not url or not url.startswith("postgres"):
        pytest.skip("no PostgreSQL server given (TARTAN_TEST_POSTGRES)")
    return url


def prefix() -> str:
    return urlsplit(server_url()).path.lstrip("/") or "postgres"


def url_for(database: str, role: str | None = None) -> str:
    parts = urlsplit(server_url())
    netloc = parts.netloc if role is None else f"{role}@{parts.netloc.rsplit('@', 1)[-1]}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, ""))


def run(*statements: str) -> None:
    """Statements one by one outside a transaction, as the superuser (CREATE DATABASE needs it)."""
    with psycopg.connect(server_url(), autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def drop(database: str, *roles: str) -> None:
    run(
        f"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
        *(f"DROP ROLE IF EXISTS {role}" for role in roles),
    )
