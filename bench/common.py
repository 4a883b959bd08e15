"""What the benchmark scripts share (bench.py, lighthouse.py, mixed_load.py).

Each of them serves the portal production-like on loopback: a scratch PostgreSQL database,
chaudoc.settings.production (plain HTTP: no SSL redirect, no secure cookies), gunicorn with
gunicorn.conf.py; bench.py and lighthouse.py put nginx in front, with a
copy of deploy/nginx.conf rewritten to scratch paths and their own ports. They are run as scripts
(`python bench/x.py`, from bench/run and bench/lighthouse too), so this folder is on sys.path
and they import this module as `common`; tests/stack/ imports it as `bench.common` to test the
same stack.
"""

import json
import os
import secrets
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
RESULTS = ROOT / "bench" / "results"


def logger(tag):
    """A log(message) that writes `[tag] message` lines to stderr."""

    def log(message):
        sys.stderr.write(f"[{tag}] {message}\n")
        sys.stderr.flush()

    return log


log = logger("bench")


def production_env(tmp, db_name, redis=REDIS, extra=None, database_url=None):
    """This process's environment with production settings (chaudoc.settings.production, DEBUG
    off, plain HTTP on loopback: SECURE_SSL_REDIRECT and SECURE_COOKIES off), the database `db_name`
    (or the whole `database_url`), static and media files under `tmp`; the cache in `redis`, or
    with redis=None no REDIS_URL at all (Django's local-memory cache); `extra` entries added
    last."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "chaudoc.settings.production",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url or f"{PG}/{db_name}",
            "STATIC_ROOT": str(tmp / "static"),
            "MEDIA_ROOT": str(tmp / "media"),
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "PYTHONPATH": str(ROOT),
        }
    )
    if redis is not None:
        env["REDIS_URL"] = redis
    env.update(extra or {})
    return env


def manage(env, *args):
    subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def run_django(env, code, *args):
    """Run `code` (json imported, Django set up, `args` in sys.argv[1:]); return the JSON it
    prints on its last line."""
    done = subprocess.run(
        [PY, "-c", "import django, json\ndjango.setup()\n" + code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:  # the report says why, not only that it failed
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "")
    return json.loads(done.stdout.strip().splitlines()[-1])


def reset_database(env, db_name):
    """Drop and create `db_name`, then migrate it."""
    admin = f"{PG}/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)", f"CREATE DATABASE {db_name}"):
        subprocess.run(["psql", admin, "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)
    manage(env, "migrate", "--noinput")


def drop_database(db_name):
    subprocess.run(
        ["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"],
        check=False,
        stdout=subprocess.DEVNULL,
    )


def flush_redis():
    subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)


def start(cmd, env, port, name, tmp, path="/", scheme="http"):
    """Start `cmd` in a process group of its own (output in tmp/name.log) and wait up to 30 s
    for {scheme}://127.0.0.1:port{path} to answer (over HTTPS, any certificate will do)."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    logfile = open(tmp / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(
                f"{scheme}://127.0.0.1:{port}{path}", timeout=2, context=context
            ).read()
            return proc
        except Exception:
            time.sleep(0.3)
    stop(proc)
    raise SystemExit(f"{name} did not start; see {tmp / (name + '.log')}")


def stop(proc):
    """Stop a process that start() started, with its whole group (SIGTERM, then SIGKILL)."""
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def gunicorn(env, port, name, tmp, app="chaudoc.wsgi:application", extra_env=None, path="/"):
    """gunicorn with gunicorn.conf.py bound to 127.0.0.1:port, once `path` answers."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", **(extra_env or {})}
    return start(
        [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), app], env, port, name, tmp, path=path
    )


def nginx_conf(
    tmp, static_root, media_root, app_port, proxy_port, extra_servers="", tls=None, http_port=None
):
    """Write tmp/nginx.conf: deploy/nginx.conf with its static and media folders, pid file,
    error log and cache (tmp/nginx-cache, created here) in scratch places, its upstream at
    app_port and its site on 127.0.0.1:proxy_port; `extra_servers`, server blocks, go at the end
    of its http block.

    With `tls`, a (certificate, key) pair of paths, the site speaks HTTPS on proxy_port and the
    plain-HTTP redirect server listens on http_port, as deployed. Without it (the benchmarks)
    the site speaks plain HTTP on proxy_port and the redirect server is left out."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("/srv/chaudoc/staticfiles/", f"{static_root}/")
    conf = conf.replace("/srv/chaudoc/media/", f"{media_root}/")
    conf = conf.replace("pid /run/nginx-chaudoc.pid;", f"pid {tmp}/nginx.pid;")
    conf = conf.replace("/var/log/nginx/chaudoc-error.log", f"{tmp}/nginx-error.log")
    conf = conf.replace("/var/cache/nginx/chaudoc", f"{tmp}/nginx-cache")
    conf = conf.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    if tls:
        conf = conf.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{proxy_port} ssl http2;")
        conf = conf.replace("/etc/ssl/chaudoc/fullchain.pem", str(tls[0]))
        conf = conf.replace("/etc/ssl/chaudoc/privkey.pem", str(tls[1]))
    else:
        start = conf.index("    server {\n        listen 80;")
        conf = conf[:start] + conf[conf.index("    server {", start + 1) :]
        conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{proxy_port};")
        conf = (
            "\n".join(line for line in conf.splitlines() if not line.strip().startswith("ssl_"))
            + "\n"
        )
    if extra_servers:
        conf = conf.rstrip().rstrip("}") + extra_servers + "\n}"
    (tmp / "nginx-cache").mkdir()
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


def write_report(report, name, latest):
    """Print `report` and write it to bench/results/, as name-YYYYmmdd-HHMMSS.md and `latest`."""
    sys.stdout.write(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}-{datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)
    (RESULTS / latest).write_text(report)
