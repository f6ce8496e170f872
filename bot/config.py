"""Settings from the environment, with the embedded defaults (SQLite, ports on 127.0.0.1)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
CATALOGUE_DIR = DATA_DIR / "catalogue"
TAXONOMY_FILE = CATALOGUE_DIR / "taxonomy.yml"
CATALOGUE_SOURCE = CATALOGUE_DIR / "voorbeeldstad.yml"
SYNONYMS_FILE = CATALOGUE_DIR / "synonyms.yml"
VAR_DIR = Path(os.environ.get("MEEDOEN_VAR_DIR", PROJECT_ROOT / "var"))


@dataclass(frozen=True)
class Settings:
    host: str
    rasa_port: int
    actions_port: int
    web_port: int
    catalogue_url: str
    tracker_db: str

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def tracker_url(self) -> str:
        """The embedded conversation store as a database URL (for retention)."""
        return f"sqlite:///{self.tracker_db}"

    @property
    def public_url(self) -> str:
        """Where people reach the web front end (for links such as the wheel picture)."""
        return os.environ.get("MEEDOEN_PUBLIC_URL", self.web_url)


def settings() -> Settings:
    """Read the settings now, so that tests and the launcher can change the environment."""
    env = os.environ
    return Settings(
        host=env.get("MEEDOEN_HOST", "127.0.0.1"),
        rasa_port=int(env.get("MEEDOEN_RASA_PORT", "5005")),
        actions_port=int(env.get("MEEDOEN_ACTIONS_PORT", "5055")),
        web_port=int(env.get("MEEDOEN_WEB_PORT", "8080")),
        catalogue_url=env.get("MEEDOEN_CATALOGUE_URL", f"sqlite:///{VAR_DIR / 'catalogue.db'}"),
        tracker_db=env.get("MEEDOEN_TRACKER_DB", str(VAR_DIR / "tracker.db")),
    )
