"""Conversations of personas from the domain material (tests/stories/), checked by Rasa itself:
every message must be understood as written in the story, and every next action predicted."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.ops.launcher import child_environment
from bot.settings import PROJECT_ROOT, settings

pytestmark = pytest.mark.model


def test_every_persona_story_passes_with_the_trained_model(trained_model, tmp_path):
    stories = PROJECT_ROOT / "tests" / "stories"
    assert len(list(stories.glob("test_*.yml"))) >= 1
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "core",
            "--stories",
            str(stories),
            "--e2e",
            "--model",
            str(trained_model),
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        env=child_environment(settings()),
        capture_output=True,
        text=True,
        timeout=600,
    )
    failed = tmp_path / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, detail
    assert "story: Persona" in (stories / "test_personas.yml").read_text()
