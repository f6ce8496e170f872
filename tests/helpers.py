"""What several test modules share: free ports, and talking to the real servers like a client."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A staff member the test stack knows (MEEDOEN_STAFF_USERS), for the pages behind the login.
STAFF_NAME = "medewerker.test"
STAFF_PASSWORD = "een-lang-testwachtwoord"


def settings_in(folder: str | Path, **overrides: Any) -> Settings:
    """Settings for a whole product of its own: free ports, databases and logs in `folder`."""
    ports = {"rasa_port": free_port(), "actions_port": free_port(), "web_port": free_port()}
    return Settings(var_dir=Path(folder), **{**ports, **overrides})


def say(rasa_url: str, text: str, sender: str) -> list[dict[str, Any]]:
    """One message through Rasa's REST webhook, as a chat client sends it."""
    request = urllib.request.Request(
        f"{rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def payloads(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [
        m["custom"] for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind
    ]


def texts(messages: list[dict[str, Any]]) -> str:
    return " ".join(m.get("text") or "" for m in messages)


def nlu_examples(files: str = "*.yml") -> Iterator[tuple[str, str]]:
    """Every training example of data/nlu (or of the files matching `files`) as (intent, text)."""
    from bot.language.meaning import training_examples

    return training_examples(files)


def web_call(
    catalogue_url: str,
    method: str,
    path: str,
    rasa_url: str = "http://127.0.0.1:9",
    insight_url: str = "sqlite://",  # in memory unless a test reads the counts
    **kwargs: Any,
):
    """One request to a real web front end (aiohttp on a free port): (status, body, headers)."""
    from aiohttp.test_utils import TestClient, TestServer

    from bot.web.app import make_app

    async def go():
        async with TestClient(
            TestServer(make_app(catalogue_url, rasa_url, insight_url=insight_url))
        ) as client:
            response = await client.request(method, path, **kwargs)
            body = (
                await response.json()
                if response.content_type == "application/json"
                else await response.text()
            )
            return response.status, body, response.headers

    return asyncio.run(go())
