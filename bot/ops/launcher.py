"""Start the whole product: catalogue, model, action server, Rasa server and web front end.

Used by scripts/run (python -m bot.ops.launcher) and by the end-to-end tests, which start the same
processes on other ports with their own databases.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.ops.retention import Housekeeping
from bot.settings import CATALOGUE_SOURCE, PROJECT_ROOT, Settings, settings

PYTHON = sys.executable
BIN = Path(PYTHON).parent
# What the trained model depends on: when none of it changed, the model is not trained again.
TRAINING_INPUTS = ("config.yml", "domain.yml", "data/nlu", "data/rules", "data/stories", "requirements.lock")
TRAINING_DATA = ("data/nlu", "data/rules", "data/stories")
# The Rasa server takes only webhook messages (5,000 characters at most): a larger body is
# refused before it is read. Not for the action server, which gets whole conversations.
CHILD_ONLY_ENVIRONMENT = {"rasa": {"SANIC_REQUEST_MAX_SIZE": str(64 * 1024)}}
STABLE_AFTER = 60.0  # a child up this long is well again: its next restart has no pause
MAX_BACKOFF = 30.0
STOP_GRACE = 20.0  # seconds the servers get together to stop after SIGTERM, then SIGKILL


# Math libraries' thread pools, one thread each: every server is one process per core already,
# and on two cores their extra threads spin while waiting for work (the mix at saturation cost
# 62-78 ms of CPU per turn with them, 49-51 ms without: bench/load.py). The environment may
# set others.
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def child_environment(config: Settings) -> dict[str, str]:
    env = {**ONE_THREAD, **os.environ}
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            **config.as_environment(),
            # endpoints.yml reads this one (and MEEDOEN_TRACKER_DB); Rasa fills them in.
            "MEEDOEN_ACTION_ENDPOINT": f"{config.actions_url}/webhook",
            "SANIC_HOST": config.host,  # the action server listens on this address only
        }
    )
    return env


def training_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        path = PROJECT_ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.exists():
                digest.update(str(file.relative_to(PROJECT_ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def ensure_model(models_dir: Path | None = None, log=print) -> Path:
    """The model for the current training data and config; trains one only when none exists."""
    models_dir = models_dir or settings().models_dir
    name = f"meedoen-{training_fingerprint()}"
    model = models_dir / f"{name}.tar.gz"
    if model.exists():
        log(f"Model {model.name} is up to date.")
        return model
    log("Training the model (training data or config changed)...")
    started = time.monotonic()
    subprocess.run(
        [
            str(BIN / "rasa"),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            *TRAINING_DATA,
            "--out",
            str(models_dir),
            "--fixed-model-name",
            name,
            "--num-threads",
            str(os.cpu_count() or 1),
        ],
        cwd=PROJECT_ROOT,
        env=child_environment(settings()),
        check=True,
    )
    log(f"Trained {model.name} in {time.monotonic() - started:.0f} s.")
    return model


def catalogue_exists(config: Settings) -> bool:
    from bot.catalogue.models import make_engine
    from bot.catalogue.repository import read_services

    try:
        return bool(read_services(make_engine(config.catalogue_url)))
    except Exception:  # noqa: BLE001 - no readable catalogue
        return False


def prepare_catalogue(config: Settings, source: Path = CATALOGUE_SOURCE) -> None:
    """Build the catalogue from its source; when the source is broken, go on with the last good
    catalogue (a build changes nothing unless the whole source is right), or stop when there is
    none."""
    try:
        build_catalogue(config, source)
    except subprocess.CalledProcessError:
        if not catalogue_exists(config):
            raise
        print("The catalogue could not be built; starting with the last good one.", file=sys.stderr)


def build_catalogue(config: Settings, source: Path = CATALOGUE_SOURCE) -> None:
    subprocess.run(
        [PYTHON, "-m", "bot.catalogue", "--db", config.catalogue_url, "build", "--source", str(source)],
        cwd=PROJECT_ROOT,
        env=child_environment(config),
        check=True,
    )


@dataclass
class Stack:
    """The three servers as child processes; stops them all, also when one fails to start."""

    config: Settings
    model: Path
    log_dir: Path | None = None  # default: the settings' log folder
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    started_at: dict[str, float] = field(default_factory=dict)
    backoff: dict[str, float] = field(default_factory=dict)  # the pause before the next restart
    retry_at: dict[str, float] = field(default_factory=dict)

    def child_only_environment(self, name: str) -> dict[str, str]:
        if name != "rasa":
            return {}
        # Rasa runs this many Sanic workers (processes on one port) when its lock store is shared.
        return {**CHILD_ONLY_ENVIRONMENT["rasa"], "SANIC_WORKERS": str(self.config.rasa_workers)}

    def commands(self) -> dict[str, tuple[list[str], str]]:
        c = self.config
        return {
            "actions": (
                [PYTHON, "-m", "actions.server", "--actions", "actions", "--port", str(c.actions_port)],
                f"{c.actions_url}/health",
            ),
            "rasa": (
                [
                    str(BIN / "rasa"),
                    "run",
                    "--model",
                    str(self.model),
                    "--interface",
                    c.host,
                    "--port",
                    str(c.rasa_port),
                    "--endpoints",
                    c.endpoints,
                    "--credentials",
                    "credentials.yml",
                ],
                f"{c.rasa_url}/webhooks/rest/",
            ),
            "web": ([PYTHON, "-m", "bot.web"], f"{c.web_url}/healthz"),
        }

    def __post_init__(self) -> None:
        self.log_dir = self.log_dir or self.config.log_dir

    def start(self, timeout: float = 300.0) -> None:
        assert self.log_dir is not None
        self.log_dir.mkdir(parents=True, exist_ok=True)
        keep_logs(self.log_dir, self.config.retention_days)
        commands = self.commands()
        for name in commands:
            self._spawn(name)
        deadline = time.monotonic() + timeout
        for name, (_, health) in commands.items():
            while not _answers(health):
                if self.processes[name].poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    tail = (self.log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{name} did not start; its log ends with:\n{tail}")
                time.sleep(0.3)

    def _spawn(self, name: str) -> None:
        assert self.log_dir is not None
        command, _ = self.commands()[name]
        # Appended: a restarted child's log follows the one that shows why it ended. The child
        # keeps its own handle on the log; the parent's can close at once.
        with open(self.log_dir / f"{name}.log", "ab") as log:
            self.processes[name] = subprocess.Popen(
                command,
                cwd=PROJECT_ROOT,
                env={**child_environment(self.config), **self.child_only_environment(name)},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.started_at[name] = time.monotonic()

    def heal(self, say=print) -> list[str]:
        """Start again every child that ended, with a growing pause (1, 2, 4 ... 30 s) for one that
        keeps ending, so a broken part does not spin. Returns the names started again."""
        restarted = []
        now = time.monotonic()
        for name, process in list(self.processes.items()):
            if process.poll() is None:
                if now - self.started_at.get(name, now) > STABLE_AFTER:
                    self.backoff.pop(name, None)
                continue
            if name not in self.retry_at:
                delay = self.backoff.get(name, 0.0)
                self.backoff[name] = min(max(delay * 2, 1.0), MAX_BACKOFF)
                self.retry_at[name] = now + delay
                say(
                    f"{name} ended with code {process.returncode}; starting it again in {delay:.0f} s.",
                    flush=True,
                )
            if now >= self.retry_at[name]:
                del self.retry_at[name]
                self._spawn(name)
                restarted.append(name)
        return restarted

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        # One deadline for all: three servers that each take their time must not add up to 45 s.
        deadline = time.monotonic() + STOP_GRACE
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def __enter__(self) -> Stack:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def keep_logs(log_dir: Path, days: float) -> None:
    """Each run writes fresh logs; the earlier runs' logs are kept (renamed with the time they
    were set aside) as long as conversations are, then deleted."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for log in log_dir.glob("*.log"):
        if log.stat().st_size:
            kept, n = log.with_name(f"{log.stem}.{stamp}.old"), 1
            while kept.exists():  # two starts within one second keep both
                kept, n = log.with_name(f"{log.stem}.{stamp}-{n}.old"), n + 1
            log.rename(kept)
    cutoff = time.time() - days * 86400
    for old in log_dir.glob("*.old"):
        if old.stat().st_mtime < cutoff:
            old.unlink()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def main() -> int:
    started = time.monotonic()
    config = settings()
    config.var_dir.mkdir(parents=True, exist_ok=True)
    # Ctrl-C and SIGTERM (a service manager) both end in the finally below, also during start-up.
    # SIGINT too is set here: a shell without job control starts a background command with SIGINT
    # ignored, and Python then leaves it ignored (a CI run started with "&" could not stop it).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    stack = None
    try:
        prepare_catalogue(config)
        housekeeping = Housekeeping(config)
        if purged := housekeeping.run_if_due():
            print(purged)
        stack = Stack(config, ensure_model())
        print("Starting the action server, the Rasa server and the web front end...")
        stack.start()
        print(
            f"\nMeedoenwijzer is running ({time.monotonic() - started:.0f} s after the run command):\n"
            f"  chat in the browser:    {config.web_url}\n"
            f"  catalogue API:          {config.web_url}/api/services?q=taalmaatje\n"
            f"  Rasa REST webhook:      {config.rasa_url}/webhooks/rest/webhook\n"
            f"  action server:          {config.actions_url}\n"
            f"  logs:                   {stack.log_dir}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while True:
            stack.heal(say=lambda text, **kw: print(text, file=sys.stderr, **kw))
            if purged := housekeeping.run_if_due():
                print(purged, flush=True)
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        if stack is not None:
            stack.stop()
            print("All processes stopped.")


if __name__ == "__main__":
    sys.exit(main())
