"""The Rasa project itself: its data validates, every category has its intent, rule and data."""
import subprocess
import sys
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.launcher import TRAINING_DATA, child_environment
from bot.config import settings
from bot.taxonomy import taxonomy

RASA = str(Path(sys.executable).parent / "rasa")


def test_rasa_data_validate_passes_without_warnings():
    result = subprocess.run([RASA, "data", "validate", "--fail-on-warnings", "--domain", "domain.yml",
                             "--data", *TRAINING_DATA], cwd=PROJECT_ROOT, env=child_environment(settings()),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_every_category_has_a_need_intent_with_examples_and_a_rule():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    examples = {}
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            examples[block["intent"]] = [l for l in block["examples"].splitlines() if l.strip()]
    rules = (PROJECT_ROOT / "data" / "rules" / "needs.yml").read_text(encoding="utf-8")
    for slug in taxonomy().categories:
        intent = "crisis" if slug == "crisis" else f"need_{slug}"
        assert intent in domain["intents"]
        assert len(examples.get(intent, [])) >= 25, intent
        if slug != "crisis":
            assert f"intent: {intent}\n" in rules


def test_no_training_example_is_in_the_held_out_set():
    held_out = yaml.safe_load((PROJECT_ROOT / "bench" / "data" / "first_reply_heldout.yml").read_text())
    held = {m["text"].strip().lower() for m in held_out["messages"]}
    trained = set()
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            trained |= {l.strip()[2:].strip().lower() for l in block["examples"].splitlines() if l.strip()}
    assert held & trained == set()


def test_training_data_has_no_template_near_duplicates():
    """Within an intent, no two examples may differ by a single swapped word (template output)."""
    pairs = []
    for path in (PROJECT_ROOT / "data" / "nlu").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            examples = [l.strip()[2:].lower().split() for l in block["examples"].splitlines() if l.strip()]
            for i, a in enumerate(examples):
                for b in examples[i + 1:]:
                    if len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b)) == 1:
                        pairs.append((block["intent"], " ".join(a), " ".join(b)))
    assert pairs == []
