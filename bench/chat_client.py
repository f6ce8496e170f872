"""Talking to a running product as a visitor's browser does: /api/chat with its own cookie jar."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from typing import Any

COOKIE = "meedoen_gesprek"


class Visitor:
    """One visitor: one cookie jar, so one conversation."""

    def __init__(self, web_url: str):
        self.web_url = web_url
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def say(self, text: str, timeout: float = 60) -> tuple[int, list[dict[str, Any]], float]:
        """(HTTP status, the messages, seconds). A 503 while a part is down still has messages."""
        request = urllib.request.Request(
            f"{self.web_url}/api/chat",
            data=json.dumps({"message": text}).encode(),
            headers={"Content-Type": "application/json"},
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, json.loads(response.read()), time.perf_counter() - started
        except urllib.error.HTTPError as error:
            try:
                body = json.loads(error.read())
            except ValueError:
                body = []
            return error.code, body if isinstance(body, list) else [], time.perf_counter() - started
        except OSError:
            return 0, [], time.perf_counter() - started

    def conversation(self) -> str | None:
        return next((c.value for c in self.jar if c.name == COOKIE), None)


def has_crisis_numbers(messages: list[dict[str, Any]]) -> bool:
    return bool(messages) and (messages[0].get("custom") or {}).get("type") == "crisis"


def has_services(messages: list[dict[str, Any]]) -> bool:
    return any((m.get("custom") or {}).get("type") == "services" for m in messages)
