"""Lighthouse in its mobile profile on the home page and the seed article (see bench/lighthouse).

Production-like and offline: a scratch PostgreSQL database with the demo content, DEBUG off,
collectstatic (hashed, compressed by WhiteNoise), gunicorn behind deploy/nginx.conf, which
serves /static/ and the demo images under /media/ as in production. Lighthouse comes from npm
(package.json) and drives Debian's Chromium; nothing is fetched from outside.

Each page is measured several times (Lighthouse's simulated throttling varies a little); the
table gives every run and the median, and the JSON reports go to bench/results/lighthouse/.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "chaudoc_lighthouse"
APP_PORT, PROXY_PORT = 18020, 18021
SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"
PAGES = {"home": "/", "article": SEED}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The bar: performance >= 98 with LCP < 1.5 s, the other three at 100; bytes per page.
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
LCP_MAX_MS = 1500
BYTES_MAX = {"home": 250 * 1024, "article": 150 * 1024}
RESULTS = ROOT / "bench" / "results"


def log(message):
    sys.stderr.write(f"[lighthouse] {message}\n")
    sys.stderr.flush()


def environment(tmp):
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update({
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"{PG}/{DB_NAME}",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "GUNICORN_WORKERS": "2",
        "PYTHONPATH": str(ROOT),
    })
    return env


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def prepare(env, articles):
    admin = f"{PG}/postgres"
    for sql in (f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)", f"CREATE DATABASE {DB_NAME}"):
        subprocess.run(["psql", admin, "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput", "-v0")


def drop_database():
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c",
                    f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"],
                   check=False, stdout=subprocess.DEVNULL)


def nginx_conf(tmp, env):
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "/srv/chaudoc/staticfiles/": f"{env['STATIC_ROOT']}/",
        "/srv/chaudoc/media/": f"{env['MEDIA_ROOT']}/",
        "pid /run/nginx-chaudoc.pid;": f"pid {tmp}/nginx.pid;",
        "/var/log/nginx/chaudoc-error.log": f"{tmp}/nginx-error.log",
        "/var/cache/nginx/chaudoc": f"{tmp}/nginx-cache",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{APP_PORT};",
        "listen 80;": f"listen 127.0.0.1:{PROXY_PORT};",
    }.items():
        conf = conf.replace(old, new)
    (tmp / "nginx-cache").mkdir()
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


def start(cmd, env, port, name, tmp):
    logfile = open(tmp / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=logfile, stderr=subprocess.STDOUT,
                            start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return proc
        except Exception:
            time.sleep(0.3)
    stop(proc)
    raise SystemExit(f"{name} did not start; see {tmp / (name + '.log')}")


def stop(proc):
    if proc and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def lighthouse(url, report_path):
    """One mobile Lighthouse run (the default profile: Moto G Power, simulated slow 4G)."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report_path}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, check=True, timeout=300,
    )
    return json.loads(Path(report_path).read_text())


def summarise(report):
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    failed = [a["id"] for c in CATEGORIES for a in _failed_audits(report, c)]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "si_ms": round(audits["speed-index"]["numericValue"]),
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "requests": len(requests),
        "by_type": _bytes_by_type(requests),
        "failed_audits": sorted(set(failed)),
    }


def _failed_audits(report, category):
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            yield audit


def _bytes_by_type(requests):
    totals = {}
    for item in requests:
        kind = item.get("resourceType", "Other")
        totals[kind] = totals.get(kind, 0) + int(item.get("transferSize") or 0)
    return totals


def median_run(runs):
    """The run with the median performance score (ties: the median LCP)."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["lcp_ms"]))
    return ordered[len(ordered) // 2]


def verdict(name, run):
    misses = [f"{c} {run[c]} < {t}" for c, t in TARGETS.items() if run[c] < t]
    if run["lcp_ms"] >= LCP_MAX_MS:
        misses.append(f"LCP {run['lcp_ms']} ms >= {LCP_MAX_MS}")
    if run["bytes"] > BYTES_MAX[name]:
        misses.append(f"{run['bytes']} bytes > {BYTES_MAX[name]}")
    return misses


def table(results, runs_per_page, articles):
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"# Lighthouse {_version()} mobile, {stamp} (Chromium {_chrome_version()}, "
        f"simulated slow 4G + 4x CPU; demo content, {articles} synthetic articles; "
        f"nginx + gunicorn, DEBUG off; median of {runs_per_page} runs)",
        "",
        "| page | perf | a11y | best pr. | SEO | FCP ms | LCP ms | TBT ms | CLS | SI ms "
        "| bytes | requests | verdict |",
        "| --- " + "| ---: " * 11 + "| --- |",
    ]
    for name, (median, _runs) in results.items():
        misses = verdict(name, median)
        lines.append(
            f"| {name} | {median['performance']} | {median['accessibility']} "
            f"| {median['best-practices']} | {median['seo']} | {median['fcp_ms']} "
            f"| {median['lcp_ms']} | {median['tbt_ms']} | {median['cls']} | {median['si_ms']} "
            f"| {median['bytes']} | {median['requests']} | {'; '.join(misses) or 'ok'} |"
        )
    lines += ["", "Every run (performance / LCP ms / bytes):", ""]
    for name, (median, runs) in results.items():
        each = ", ".join(f"{r['performance']} / {r['lcp_ms']} / {r['bytes']}" for r in runs)
        lines.append(f"- {name}: {each}")
        lines.append(f"  bytes by type: {median['by_type']}")
        if median["failed_audits"]:
            lines.append(f"  audits below 1: {', '.join(median['failed_audits'])}")
    return "\n".join(lines) + "\n"


def _version():
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def _chrome_version():
    out = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.split()
    return out[1] if len(out) > 1 else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--articles", type=int, default=12,
                        help="synthetic articles besides the seed (fills the home page lists)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run scripts/ensure-test-tools")
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-lighthouse-"))
    tmp.chmod(0o755)  # nginx workers read the static and media files
    env = environment(tmp)
    procs = []
    try:
        log("seeding the demo content and collecting static files")
        prepare(env, args.articles)
        for folder in (tmp / "static", tmp / "media"):
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
        procs.append(start([GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"),
                            "chaudoc.wsgi:application"],
                           {**env, "GUNICORN_BIND": f"127.0.0.1:{APP_PORT}"},
                           APP_PORT, "gunicorn", tmp))
        procs.append(start(["nginx", "-c", str(nginx_conf(tmp, env)), "-g", "daemon off;"],
                           env, PROXY_PORT, "nginx", tmp))
        reports = RESULTS / "lighthouse"
        reports.mkdir(parents=True, exist_ok=True)
        results = {}
        for name, path in PAGES.items():
            url = f"http://127.0.0.1:{PROXY_PORT}{path}"
            urllib.request.urlopen(url, timeout=10).read()  # a live site's page cache is warm
            runs = []
            for n in range(1, args.runs + 1):
                log(f"{name}: run {n}/{args.runs}")
                report = lighthouse(url, reports / f"{name}-{n}.json")
                runs.append(summarise(report))
            results[name] = (median_run(runs), runs)
    finally:
        for proc in reversed(procs):
            stop(proc)
        if not args.keep:
            drop_database()
        shutil.rmtree(tmp, ignore_errors=True)
    text = table(results, args.runs, args.articles)
    sys.stdout.write(text)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"lighthouse-{stamp}.md").write_text(text)
    (RESULTS / "lighthouse-latest.md").write_text(text)
    (RESULTS / "lighthouse-latest.json").write_text(json.dumps(
        {name: {"median": median, "runs": runs} for name, (median, runs) in results.items()},
        indent=2, ensure_ascii=False,
    ) + "\n")
    return 1 if any(verdict(name, median) for name, (median, _) in results.items()) else 0


if __name__ == "__main__":
    sys.exit(main())
