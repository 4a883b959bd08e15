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
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from datetime import datetime
from pathlib import Path

from common import (
    RESULTS,
    ROOT,
    drop_database,
    gunicorn,
    logger,
    manage,
    nginx_conf,
    production_env,
    reset_database,
    start,
    stop,
    write_report,
)

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
# Another database and ports (several checkouts on one machine): LIGHTHOUSE_DB, LIGHTHOUSE_PORT
# (the proxy's; gunicorn listens on the port before).
DB_NAME = os.environ.get("LIGHTHOUSE_DB", "chaudoc_lighthouse")
PROXY_PORT = int(os.environ.get("LIGHTHOUSE_PORT", "18021"))
APP_PORT = PROXY_PORT - 1
SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"
PAGES = {"home": "/", "article": SEED}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# The bar: performance >= 98 with LCP < 1.5 s, the other three at 100; bytes per page.
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
LCP_MAX_MS = 1500
BYTES_MAX = {"home": 250 * 1024, "article": 150 * 1024}


log = logger("lighthouse")


def prepare(env, articles):
    reset_database(env, DB_NAME)
    manage(env, "load_demo", "--articles", str(articles))
    manage(env, "collectstatic", "--noinput", "-v0")


def lighthouse(url, report_path):
    """One mobile Lighthouse run (the default profile: Moto G Power, simulated slow 4G)."""
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report_path}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
        timeout=300,
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
    parser.add_argument(
        "--articles",
        type=int,
        default=12,
        help="synthetic articles besides the seed (fills the home page lists)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run scripts/ensure-test-tools")
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-lighthouse-"))
    tmp.chmod(0o755)  # nginx workers read the static and media files
    # No Redis: Django's local-memory page cache in each worker, two workers.
    env = production_env(tmp, DB_NAME, redis=None, extra={"GUNICORN_WORKERS": "2"})
    procs = []
    try:
        log("seeding the demo content and collecting static files")
        prepare(env, args.articles)
        for folder in (tmp / "static", tmp / "media"):
            for path in [folder, *folder.rglob("*")]:
                path.chmod(0o755 if path.is_dir() else 0o644)
        procs.append(gunicorn(env, APP_PORT, "gunicorn", tmp, path="/healthz"))
        conf = nginx_conf(tmp, env["STATIC_ROOT"], env["MEDIA_ROOT"], APP_PORT, PROXY_PORT)
        procs.append(
            start(
                ["nginx", "-c", str(conf), "-g", "daemon off;"],
                env,
                PROXY_PORT,
                "nginx",
                tmp,
                path="/healthz",
            )
        )
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
            drop_database(DB_NAME)
        shutil.rmtree(tmp, ignore_errors=True)
    write_report(table(results, args.runs, args.articles), "lighthouse", "lighthouse-latest.md")
    (RESULTS / "lighthouse-latest.json").write_text(
        json.dumps(
            {name: {"median": median, "runs": runs} for name, (median, runs) in results.items()},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    return 1 if any(verdict(name, median) for name, (median, _) in results.items()) else 0


if __name__ == "__main__":
    sys.exit(main())
