"""A function whose result is built once per process, the first time it is asked for, even when
several threads ask at the same moment (the web front end answers lookups in worker threads)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def built_once(build: Callable[[], T]) -> Callable[[], T]:
    lock = threading.Lock()
    built: list[T] = []

    @wraps(build)
    def get() -> T:
        if not built:
            with lock:
                if not built:  # another thread may have built it while this one waited
                    built.append(build())
        return built[0]

    return get
