"""Every setting of the product, read from the environment in one place (`settings()`), with the
embedded defaults: SQLite, ports on 127.0.0.1, everything generated under var/ and models/.

Nothing is read at import; call settings() when the value is needed, so that tests and the
launcher can change the environment first. The fixed paths of the project's own files live
here too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CATALOGUE_DIR = DATA_DIR / "catalogue"
TAXONOMY_FILE = CATALOGUE_DIR / "taxonomy.yml"
CATALOGUE_SOURCE = CATALOGUE_DIR / "voorbeeldstad.yml"
SYNONYMS_FILE = CATALOGUE_DIR / "synonyms.yml"


class SettingError(ValueError):
    """A setting that cannot be right, such as a placeholder that was never filled in."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    rasa_port: int = 5005
    actions_port: int = 5055
    web_port: int = 8080
    catalogue_url: str = ""  # default: SQLite in var_dir
    tracker_db: str = ""  # the embedded SQLite conversation store; default: in var_dir
    lock_db: str = ""  # the embedded SQLite conversation locks; default: in var_dir
    insight_url: str = ""  # counts for the municipality (feedback); default: SQLite in var_dir
    rasa_workers: int = 2  # Rasa server processes (one per core); they share the lock store
    var_dir: Path = field(default=PROJECT_ROOT / "var")
    models_dir: Path = field(default=PROJECT_ROOT / "models")
    endpoints: str = "endpoints.yml"  # endpoints.production.yml for PostgreSQL and Redis
    public_url_setting: str = ""  # default: web_url
    # Where the web front end and the Rasa server find the others when they run on other hosts
    # (Kubernetes services); default: host and port.
    rasa_url_setting: str = ""
    actions_url_setting: str = ""
    retention_days: float = 30.0
    cookie_secret: str = ""  # signs conversation ids; default: a new one per web front end start
    staff_users: str = ""  # "name:scrypt-hash,..." (python -m bot.web.staff hash); none: no staff login

    @property
    def retention_period_text(self) -> str:
        """The retention period as a person reads it in Dutch ("30 dagen", "1 dag", "7,5 dagen")."""
        number = f"{self.retention_days:g}".replace(".", ",")
        return f"{number} {'dag' if self.retention_days == 1 else 'dagen'}"

    def __post_init__(self) -> None:
        for name in (
            "catalogue_url",
            "tracker_db",
            "lock_db",
            "insight_url",
            "var_dir",
            "models_dir",
            "endpoints",
            "public_url_setting",
            "rasa_url_setting",
            "actions_url_setting",
        ):
            value = str(getattr(self, name))
            if "${" in value:
                raise SettingError(f"{name} is {value!r}: a ${{...}} placeholder was never filled in.")
        if not self.catalogue_url:
            object.__setattr__(self, "catalogue_url", f"sqlite:///{self.var_dir / 'catalogue.db'}")
        if not self.tracker_db:
            object.__setattr__(self, "tracker_db", str(self.var_dir / "tracker.db"))
        if not self.lock_db:
            object.__setattr__(self, "lock_db", str(self.var_dir / "locks.db"))
        if not self.insight_url:
            object.__setattr__(self, "insight_url", f"sqlite:///{self.var_dir / 'insight.db'}")
        if self.rasa_workers < 1:
            raise SettingError(
                f"rasa_workers is {self.rasa_workers}: at least one Rasa server process is needed."
            )

    @property
    def rasa_url(self) -> str:
        return self.rasa_url_setting or f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return self.actions_url_setting or f"http://{self.host}:{self.actions_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def public_url(self) -> str:
        """Where people reach the web front end (for links such as the wheel picture)."""
        return self.public_url_setting or self.web_url

    @property
    def tracker_url(self) -> str:
        """The embedded conversation store as a database URL (for retention)."""
        return f"sqlite:///{self.tracker_db}"

    @property
    def log_dir(self) -> Path:
        return self.var_dir / "logs"

    def as_environment(self) -> dict[str, str]:
        """These settings as the environment variables settings() reads, for child processes."""
        env = {
            "MEEDOEN_HOST": self.host,
            "MEEDOEN_RASA_PORT": str(self.rasa_port),
            "MEEDOEN_ACTIONS_PORT": str(self.actions_port),
            "MEEDOEN_WEB_PORT": str(self.web_port),
            "MEEDOEN_CATALOGUE_URL": self.catalogue_url,
            "MEEDOEN_TRACKER_DB": self.tracker_db,
            "MEEDOEN_LOCK_DB": self.lock_db,
            "MEEDOEN_INSIGHT_URL": self.insight_url,
            "MEEDOEN_RASA_WORKERS": str(self.rasa_workers),
            "MEEDOEN_VAR_DIR": str(self.var_dir),
            "MEEDOEN_MODELS_DIR": str(self.models_dir),
            "MEEDOEN_ENDPOINTS": self.endpoints,
            "MEEDOEN_RETENTION_DAYS": f"{self.retention_days:g}",
        }
        if self.public_url_setting:
            env["MEEDOEN_PUBLIC_URL"] = self.public_url_setting
        if self.cookie_secret:
            env["MEEDOEN_COOKIE_SECRET"] = self.cookie_secret
        if self.staff_users:
            env["MEEDOEN_STAFF_USERS"] = self.staff_users
        if self.rasa_url_setting:
            env["MEEDOEN_RASA_URL"] = self.rasa_url_setting
        if self.actions_url_setting:
            env["MEEDOEN_ACTIONS_URL"] = self.actions_url_setting
        return env


def _whole_number(env: Mapping[str, str], name: str, default: str) -> int:
    value = env.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name} is {value!r}: a whole number is needed.") from None


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from the environment (or from `env`), read now."""
    env = os.environ if env is None else env
    var_dir = Path(env.get("MEEDOEN_VAR_DIR") or PROJECT_ROOT / "var")
    return Settings(
        host=env.get("MEEDOEN_HOST", "127.0.0.1"),
        rasa_port=int(env.get("MEEDOEN_RASA_PORT", "5005")),
        actions_port=int(env.get("MEEDOEN_ACTIONS_PORT", "5055")),
        web_port=int(env.get("MEEDOEN_WEB_PORT", "8080")),
        catalogue_url=env.get("MEEDOEN_CATALOGUE_URL", ""),
        tracker_db=env.get("MEEDOEN_TRACKER_DB", ""),
        lock_db=env.get("MEEDOEN_LOCK_DB", ""),
        insight_url=env.get("MEEDOEN_INSIGHT_URL", ""),
        rasa_workers=_whole_number(env, "MEEDOEN_RASA_WORKERS", "2"),
        var_dir=var_dir,
        models_dir=Path(env.get("MEEDOEN_MODELS_DIR") or PROJECT_ROOT / "models"),
        endpoints=env.get("MEEDOEN_ENDPOINTS", "endpoints.yml"),
        public_url_setting=env.get("MEEDOEN_PUBLIC_URL", ""),
        rasa_url_setting=env.get("MEEDOEN_RASA_URL", ""),
        actions_url_setting=env.get("MEEDOEN_ACTIONS_URL", ""),
        retention_days=float(env.get("MEEDOEN_RETENTION_DAYS", "30")),
        cookie_secret=env.get("MEEDOEN_COOKIE_SECRET", ""),
        staff_users=env.get("MEEDOEN_STAFF_USERS", ""),
    )
