"""The production settings under the load of bench/load.py: conversations and the catalogue in
PostgreSQL, the Redis lock store, two Rasa servers and two action servers, each pair behind a
round-robin nginx (Debian's package: `apt-get install nginx-light`).

    .venv/bin/python bench/scale_out.py [--people 50] [--saturation 20] [--turns 10]

On one machine this shows that the parts work together under load (errors, cross-talk: a
reply addressed to another sender) and what the network hops, PostgreSQL and Redis cost beside
the embedded defaults; more machines are what add capacity. Prints the same lines as
bench/load.py, and the memory of every process (nginx, PostgreSQL and Redis included).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import arguments, measure  # noqa: E402
from bot.ops.launcher import BIN, PYTHON, build_catalogue, child_environment, ensure_model  # noqa: E402
from bot.settings import PROJECT_ROOT, Settings  # noqa: E402
from tests.helpers import free_port  # noqa: E402
from tests.services import postgres_server, redis_server, wait_until  # noqa: E402

NGINX = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  upstream rasa {{ {rasa} keepalive 32; }}
  upstream actions {{ {actions} keepalive 32; }}
  server {{
    listen 127.0.0.1:{rasa_port};
    client_max_body_size 64k;
    location / {{ proxy_pass http://rasa; proxy_http_version 1.1; proxy_set_header Connection ""; }}
  }}
  server {{
    listen 127.0.0.1:{actions_port};
    client_max_body_size 10m;  # the action server gets whole conversations
    location / {{ proxy_pass http://actions; proxy_http_version 1.1; proxy_set_header Connection ""; }}
  }}
}}
"""


def up(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=2) as response:
        return response.status == 200


def main() -> int:
    args = arguments()
    if not shutil.which("nginx"):
        print("nginx is not installed: apt-get install nginx-light")
        return 2
    model = ensure_model()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as running:
        pg_port = running.enter_context(postgres_server("tracker", "catalogue"))
        redis_port = running.enter_context(redis_server())
        config = Settings(
            "127.0.0.1",
            rasa_port=free_port(),  # nginx in front of the Rasa servers
            actions_port=free_port(),  # nginx in front of the action servers
            catalogue_url=f"postgresql+psycopg2://postgres@127.0.0.1:{pg_port}/catalogue",
            var_dir=Path(folder),
            endpoints="endpoints.production.yml",
            rasa_workers=1,  # a server per process here: the pairs behind nginx are the point
        )
        build_catalogue(config)
        env = {
            **child_environment(config),
            "MEEDOEN_TRACKER_DB_HOST": "127.0.0.1",
            "MEEDOEN_TRACKER_DB_PORT": str(pg_port),
            "MEEDOEN_TRACKER_DB_NAME": "tracker",
            "MEEDOEN_TRACKER_DB_USER": "postgres",
            "MEEDOEN_TRACKER_DB_PASSWORD": "",
            "MEEDOEN_REDIS_HOST": "127.0.0.1",
            "MEEDOEN_REDIS_PORT": str(redis_port),
        }
        processes: dict[str, subprocess.Popen] = {}

        def start(name: str, command: list[str], extra: dict[str, str] | None = None) -> None:
            log = open(Path(folder) / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
            running.callback(log.close)
            processes[name] = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env={**env, **(extra or {})}, stdout=log, stderr=subprocess.STDOUT
            )
            running.callback(lambda: (processes[name].terminate(), processes[name].wait(timeout=30)))

        action_ports, rasa_ports = [free_port(), free_port()], [free_port(), free_port()]
        for i, port in enumerate(action_ports, 1):
            start(
                f"actions-{i}", [PYTHON, "-m", "actions.server", "--actions", "actions", "--port", str(port)]
            )
        for i, port in enumerate(rasa_ports, 1):
            start(
                f"rasa-{i}",
                [
                    str(BIN / "rasa"),
                    "run",
                    "--model",
                    str(model),
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ]
                + ["--endpoints", "endpoints.production.yml", "--credentials", "credentials.yml"],
                {"SANIC_WORKERS": "1", "SANIC_REQUEST_MAX_SIZE": str(64 * 1024)},
            )
        conf = Path(folder) / "nginx.conf"
        conf.write_text(
            NGINX.format(
                folder=folder,
                rasa="".join(f"server 127.0.0.1:{p}; " for p in rasa_ports),
                actions="".join(f"server 127.0.0.1:{p}; " for p in action_ports),
                rasa_port=config.rasa_port,
                actions_port=config.actions_port,
            )
        )
        start("nginx", ["nginx", "-p", folder, "-c", str(conf), "-g", "daemon off;"])
        for port in action_ports:
            wait_until(lambda port=port: up(f"http://127.0.0.1:{port}/health"), seconds=120)
        for port in rasa_ports:
            wait_until(lambda port=port: up(f"http://127.0.0.1:{port}/webhooks/rest/"), seconds=300)
        print(
            f"On {os.cpu_count()} cores, through nginx to 2 Rasa servers and 2 action servers, "
            "PostgreSQL and Redis:"
        )
        product = {name: process.pid for name, process in processes.items()}
        product.update(postgresql=_pid_on(pg_port), redis=_pid_on(redis_port))
        measure(f"{config.rasa_url}/webhooks/rest/webhook", args, product)
    return 0


def _pid_on(port: int) -> int:
    """The process listening on a local TCP port (PostgreSQL's postmaster, Redis)."""
    inode = next(
        line.split()[9]
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
        if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"
    )
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(os.readlink(fd) == f"socket:[{inode}]" for fd in Path(f"/proc/{pid}/fd").iterdir()):
                return int(pid)
        except OSError:
            continue
    raise LookupError(port)


if __name__ == "__main__":
    sys.exit(main())
