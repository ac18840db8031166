"""A production-shaped Netra on 127.0.0.1: two gunicorn app servers behind nginx, a PostgreSQL
cluster of its own (so it can be restarted without touching the machine's), Redis, a task worker.

Used by reliability/run.py and bench/intake_cluster.py. Everything listens on free loopback ports and
is stopped (the cluster deleted) when the ``with Rig(...)`` block ends. Needs Debian's nginx and
PostgreSQL server binaries (``apt-get install -y nginx postgresql``) and Redis on 127.0.0.1:6379.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from _common import ELECTION_SETUP

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path(os.environ.get("NETRA_PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_DB = os.environ.get("NETRA_RIG_REDIS_DB", "6")

NGINX_CONF = """
worker_processes 1;
user root;
error_log {prefix}/nginx-error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  upstream netra {{
    {servers}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 64m;
    location / {{
      proxy_pass http://netra;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
    }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=3)  # noqa: S310 (loopback only)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {seconds:.0f} s") from None
            time.sleep(0.3)


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class PgCluster:
    """A PostgreSQL cluster of our own in a temporary folder, on a free port."""

    def __init__(self, base: Path) -> None:
        self.base = base / "pg"
        self.data = self.base / "data"
        self.port = free_port()
        self.base.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")

    def _ctl(self, *args: str) -> None:
        cmd = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]
        subprocess.run(_as_postgres(cmd), check=True, capture_output=True)

    def start(self) -> None:
        if not self.data.exists():
            cmd = [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                   "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]  # fmt: skip
            subprocess.run(_as_postgres(cmd), check=True, capture_output=True)
            with (self.data / "postgresql.conf").open("a") as f:
                f.write(
                    f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                    f"unix_socket_directories = '{self.base}'\nmax_connections = 200\n"
                    "shared_buffers = 256MB\n"
                )
        self._ctl("-l", str(self.base / "log"), "start")

    def restart(self) -> None:
        self._ctl("-m", "fast", "-l", str(self.base / "log"), "restart")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._ctl("-m", "fast", "stop")

    def url(self, name: str = "netra") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


class Rig:
    """Two app servers behind nginx, on the cluster and Redis, with one task worker."""

    def __init__(
        self,
        *,
        production: bool = True,
        app_servers: int = 2,
        web_concurrency: int = 2,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.production = production
        self.app_servers = app_servers
        self.web_concurrency = web_concurrency
        self.extra_env = extra_env or {}
        self.apps: dict[int, subprocess.Popen] = {}
        self.app_ports: list[int] = []
        self.procs: list[subprocess.Popen] = []

    # -- setting up ------------------------------------------------------------------------
    def __enter__(self) -> Rig:
        self.tmp = Path(tempfile.mkdtemp(prefix="netra-rig-"))
        self.tmp.chmod(0o755)
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        self.pg = PgCluster(self.tmp)
        self.pg.start()
        import psycopg

        with psycopg.connect(self.pg.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE netra")
        import redis

        redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}").flushdb()
        var = self.tmp / "var"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("NETRA_", "DJANGO_"))},
            "NETRA_VAR_DIR": str(var),
            "DATABASE_URL": self.pg.url(),
            "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_COOKIES": "0",
            "CONN_MAX_AGE": "60",
            "NETRA_CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR",
            "WEB_CONCURRENCY": str(self.web_concurrency),
            "NETRA_ACCESS_LOG": "0",
            "LOG_LEVEL": "ERROR",
            "NETRA_LOG_FORMAT": "json",
            "DJANGO_SETTINGS_MODULE": "netra.settings" if self.production else "bench.settings",
            **self.extra_env,
        }
        if self.production:
            self.env["NETRA_ENV"] = "production"
        self.env.pop("DEBUG", None)
        self.env.pop("SECRET_KEY", None)
        self._python("-m", "netra.prepare", "--quiet")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_reference", "-v0")
        self.manage(*ELECTION_SETUP)
        if self.production:
            self.manage("collectstatic", "--no-input", "-v0")
        for i in range(self.app_servers):
            self.app_ports.append(free_port())
            self.start_app(i)
        self.nginx_port = free_port()
        self._start_nginx()
        log = (self.tmp / "worker.log").open("w")
        worker = [str(VENV_BIN / "python"), "manage.py", "worker", "--no-startup-delay", "-v0"]
        self.procs.append(
            subprocess.Popen(
                worker, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
            )  # fmt: skip
        )
        for port in self.app_ports:
            wait_http(f"http://127.0.0.1:{port}/health/live")
        wait_http(f"{self.url}/health/live")

    def _python(self, *args: str) -> None:
        subprocess.run([str(VENV_BIN / "python"), *args], cwd=ROOT, env=self.env, check=True)

    def manage(self, *args: str) -> None:
        self._python("manage.py", *args)

    def start_app(self, i: int) -> None:
        env = {**self.env, "BIND": f"127.0.0.1:{self.app_ports[i]}"}
        log = (self.tmp / f"app{i}.log").open("a")
        cmd = [str(VENV_BIN / "gunicorn"), "-c", "python:netra.ops.gunicorn_conf",
               "netra.wsgi:application"]  # fmt: skip
        self.apps[i] = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
        )

    def kill_app(self, i: int) -> None:
        """SIGKILL the whole app server (master and workers), as a crash would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.apps[i].pid, signal.SIGKILL)
        self.apps[i].wait()

    def _start_nginx(self) -> None:
        prefix = self.tmp / "nginx"
        prefix.mkdir()
        servers = "\n    ".join(
            f"server 127.0.0.1:{p} max_fails=1 fail_timeout=2s;" for p in self.app_ports
        )
        conf = prefix / "nginx.conf"
        conf.write_text(NGINX_CONF.format(prefix=prefix, servers=servers, port=self.nginx_port))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.procs.append(
            subprocess.Popen(
                [nginx, "-c", str(conf), "-p", str(prefix), "-g", "daemon off;"],
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    # -- tearing down ----------------------------------------------------------------------
    def __exit__(self, *exc: Any) -> None:
        for proc in [*self.apps.values(), *self.procs]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.apps.values(), *self.procs]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if hasattr(self, "pg"):
            self.pg.stop()
        if os.environ.get("NETRA_RIG_KEEP"):
            print(f"rig kept in {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def setup_django(env: dict[str, str]) -> None:
    """Django in this process against the rig's database and keys (for checks after a run)."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
