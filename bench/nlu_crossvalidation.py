"""NLU cross-validation: precision, recall and F1 per intent, and the most frequent confusions.

    .venv/bin/python bench/nlu_crossvalidation.py [--folds 5] [--config config.yml]

Runs `rasa test nlu --cross-validation` on data/nlu (the held-out first-reply set is never
part of it) and prints the intent report of the held-out folds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--config", default="config.yml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, RASA_TELEMETRY_ENABLED="false", PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
        started = time.monotonic()
        subprocess.run(
            [
                str(Path(sys.executable).parent / "rasa"),
                "test",
                "nlu",
                "--nlu",
                "data/nlu",
                "--config",
                args.config,
                "--cross-validation",
                "--folds",
                str(args.folds),
                "--out",
                out,
            ],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.monotonic() - started
        report = json.loads((Path(out) / "intent_report.json").read_text())
        errors_file = Path(out) / "intent_errors.json"
        errors = json.loads(errors_file.read_text()) if errors_file.exists() else []
    intents = {
        k: v
        for k, v in report.items()
        if isinstance(v, dict) and "f1-score" in v and k not in ("micro avg", "macro avg", "weighted avg")
    }
    print(f"NLU cross-validation, {args.folds} folds, {args.config} ({elapsed:.0f} s)")
    print(f"{'intent':28} {'precision':>9} {'recall':>7} {'f1':>6} {'n':>4}")
    for name, scores in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"]):
        print(
            f"{name:28} {scores['precision']:9.3f} {scores['recall']:7.3f} {scores['f1-score']:6.3f} "
            f"{scores['support']:4d}"
        )
    for average in ("macro avg", "weighted avg"):
        if average in report:
            s = report[average]
            print(f"{average:28} {s['precision']:9.3f} {s['recall']:7.3f} {s['f1-score']:6.3f}")
    if "accuracy" in report:
        print(f"accuracy {report['accuracy']:.3f}")
    confusions = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    print("most frequent confusions (true -> predicted):")
    for (true, predicted), count in confusions.most_common(15):
        print(f"  {count:3}  {true} -> {predicted}")


if __name__ == "__main__":
    main()
