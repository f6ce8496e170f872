"""Throwaway PostgreSQL and Redis servers on free ports, for the production-settings tests and
the scale-out benchmark (scripts/install --test installs both from Debian's packages)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.helpers import free_port

INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def wait_until(check: Callable[[], object], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 - not up yet
            pass
        time.sleep(0.3)
    raise TimeoutError("service did not start")


@contextmanager
def postgres_server(*databases: str) -> Iterator[int]:
    """A PostgreSQL server with these (empty) databases, run as the postgres user (it refuses
    root); yields its port."""
    if not INITDB:
        raise RuntimeError("PostgreSQL is not installed: scripts/install --test installs it")
    bin_dir = Path(INITDB[-1]).parent
    data = Path(tempfile.mkdtemp(prefix="meedoen-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        as_postgres + [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
        as_postgres
        + [str(bin_dir / "postgres"), "-D", str(data), "-p", str(port), "-h", "127.0.0.1", "-k", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        admin = create_engine(
            f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres",
            future=True,
            isolation_level="AUTOCOMMIT",
        )
        wait_until(lambda: admin.connect().close() or True)
        with admin.connect() as connection:
            for name in databases:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


@contextmanager
def redis_server() -> Iterator[int]:
    """A Redis server that keeps nothing on disk; yields its port."""
    import redis

    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: redis.Redis(port=port).ping())
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
