"""Throughput and latency of the portal against its floors, in one run (see bench/run).

Seeds a scratch PostgreSQL database, starts gunicorn with production settings, and measures with
wrk on loopback: nginx serving the captured home page as a static file, a trivial WSGI app
returning the same bytes (the floor), the home page's own SQL sent alone before those bytes
(what PostgreSQL and the driver leave for Django), the portal's pages with the cache warm, with
it off, and through deploy/nginx.conf, and a 60 s soak at 64 connections; then the same pages
from a second database of 100,000 articles. The latency criterion (100,000 vs 1,000 articles) is
read from one-connection runs, both archives served side by side and measured alternately in
rounds (the median round's ratio counts): at 32 connections a page's p50 is mostly time spent
queueing, and on a shared machine the load drifts between two measurements minutes apart.
The documents register's list and search pages at 50,000 documents against 1,000
(bench/documents.py seeds them) are compared the same way, last; `--only documents` runs that
comparison alone and writes its report to documents-latest.md.
Prints a table and writes it to bench/results/.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from datetime import datetime
from pathlib import Path

import under_load
from common import (
    PY,
    ROOT,
    drop_database,
    flush_redis,
    gunicorn,
    log,
    manage,
    nginx_conf,
    production_env,
    reset_database,
    run_django,
    start,
    stop,
    write_report,
)

import documents as register  # bench/documents.py, not the app

# Two runs can share the machine (a helper's and the lead's): BENCH_PORT_BASE moves the ports,
# BENCH_DB_SUFFIX the scratch databases, BENCH_REDIS_URL (bench/common.py) the Redis database.
SUFFIX = os.environ.get("BENCH_DB_SUFFIX", "")
DB_NAME = "chaudoc_bench" + SUFFIX
DB_LARGE = "chaudoc_bench_large" + SUFFIX
DB_PORTALS = "chaudoc_bench_portals" + SUFFIX
DB_DOCUMENTS = "chaudoc_bench_documents" + SUFFIX  # _small and _large
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "18000"))
PORTS = {
    name: PORT_BASE + n
    for n, name in enumerate(
        (
            "app",
            "nocache",
            "floor",
            "static",
            "proxy",
            "sql",
            "nocache_large",
            "nocache_portals",
            "app_large",
            "sql_article",
            "sql_category",
            "sql_search",
            "documents_small",
            "documents_large",
        )
    )
}
ADMIN_LIST = "/quan-tri/news/article/"
ROUNDS = 3  # a ratio's two sides are measured alternately this many times; the median counts


def static_server(tmp):
    """A second nginx server: the captured home page as a plain static file (the ceiling)."""
    return f"""
    server {{
        listen 127.0.0.1:{PORTS["static"]};
        root {tmp}/page;
        location / {{ try_files /home.html =404; default_type text/html; }}
    }}"""


def wrk(url, seconds, connections=32, threads=2, timeout=2, headers=None, script=None):
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            f"--timeout={timeout}s",
            "--latency",
            *(("-s", script) if script else ()),
            *(arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(out)


def _ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out):
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        result[f"p{pct}"] = _ms(*m.groups()) if m else None
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["errors"] = sum(int(x) for x in errors.groups()) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return result


def count_queries(env, paths, session=None):
    script = (
        "import sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from django.core.cache import cache\n"
        "c = Client(HTTP_HOST='127.0.0.1')\n"
        "if sys.argv[2]: c.cookies['sessionid'] = sys.argv[2]\n"
        "out = {}\n"
        "for p in json.loads(sys.argv[1]):\n"
        "    cache.clear()\n"
        "    c.get(p)  # the host map and the process's first request, not counted\n"
        "    with CaptureQueriesContext(connection) as q:\n"
        "        r = c.get(p)\n"
        "    out[p] = (r.status_code, len(q))\n"
        "print(json.dumps(out))\n"
    )
    env = {**env, "PAGE_CACHE_SECONDS": "0"}
    return run_django(env, script, json.dumps(paths), session or "")


def settle(env):
    """After seeding: statistics and visibility map up to date (index-only scans), and the
    seed's dirty pages written now (CHECKPOINT) rather than during the measurements."""
    for sql in ("VACUUM ANALYZE", "CHECKPOINT"):
        subprocess.run(["psql", env["DATABASE_URL"], "-q", "-c", sql], check=True)


def pages(env):
    """URLs of the measured pages, chosen from the seeded content."""
    code = (
        "from chaudoc.portals.current import portal_map\n"
        "from news.models import Article, Category\n"
        "p = portal_map().for_host('127.0.0.1')  # the portal measured\n"
        "a = Article.objects.published().for_portal(p).order_by('-published_at')[5]\n"
        "c = Category.objects.filter(portal=p).order_by('order').first()\n"
        "print(json.dumps({'home': '/', 'article': a.get_absolute_url(),"
        " 'category': c.get_absolute_url()}))\n"
    )
    urls = run_django(env, code)
    search = subprocess.run(
        [
            PY,
            "-c",
            "import django;django.setup();from django.urls import reverse;print(reverse('search'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if search.returncode == 0:  # the search page exists once its issue has landed
        urls["search"] = search.stdout.strip() + "?q=giam+ngheo"
    return urls


def fmt(value, digits=1):
    return "-" if value is None else f"{value:.{digits}f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="short runs (smoke test)")
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=None, help="100,000 (6,000 with --quick)")
    parser.add_argument("--portals", type=int, default=None, help="100 (10 with --quick)")
    parser.add_argument(
        "--portal-articles", type=int, default=None, help="200,000 (10,000 with --quick)"
    )
    parser.add_argument(
        "--only",
        choices=["documents"],
        help="only the documents register's comparison (report: documents-latest.md)",
    )
    parser.add_argument("--documents-small", type=int, default=1000)
    parser.add_argument(
        "--documents-large", type=int, default=None, help="50,000 (5,000 with --quick)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the documents databases, and reuse them when they hold as many documents",
    )
    args = parser.parse_args()
    # A smoke run seeds small archives: 6,000 articles still give the crawler its 5,000 URLs.
    for name, full, quick in (
        ("large", 100_000, 6000),
        ("portals", 100, 10),
        ("portal_articles", 200_000, 10_000),
        ("documents_large", 50_000, 5000),
    ):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    seconds = 3 if args.quick else 10
    soak_seconds = 10 if args.quick else 60

    # A `timeout` or a kill: stop the servers and report the rows measured so far.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))
    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-bench-"))
    tmp.chmod(0o755)  # nginx workers (www-data) read the page, static and media files
    env = production_env(tmp, DB_NAME, extra={"TWO_FACTOR_REQUIRED": "false"})
    procs = []
    rows, notes = [], {}
    urls = {}  # the portal's measured pages (none with --only documents)

    def measure(
        label,
        port,
        path,
        kind,
        connections=32,
        quiet_rows=False,
        counts=None,
        headers=None,
        script=None,
    ):
        # Uncached pages queue behind each other at 32 connections: give them 10 s before
        # wrk counts a timeout, so the table shows their real latency (2 s elsewhere).
        timeout = 10 if kind in ("off", "latency") else 2
        threads = min(2, connections)
        # Warm every worker (imports, compiled templates, connections, the page cache).
        url = f"http://127.0.0.1:{port}{path}"
        wrk(url, 2, connections, threads, timeout=timeout, headers=headers, script=script)
        result = wrk(
            url, seconds, connections, threads, timeout=timeout, headers=headers, script=script
        )
        counted = kind not in ("static", "floor")  # those two never reach Django
        counts = queries if counts is None else counts
        result.update(
            label=label,
            kind=kind,
            path=path,
            queries=counts.get(path, (None, None))[1] if counted else 0,
        )
        if not quiet_rows:  # quiet: the caller picks which of its results the table shows
            rows.append(result)
        log(
            f"{label}: {result['rps']:.0f} req/s, p50 {fmt(result['p50'], 2)} ms, "
            f"p99 {fmt(result['p99'], 2)} ms"
        )
        return result

    def alternately(first, second, ratio, name, also=None):
        """Measure first() then second() in rounds: on a shared machine the load drifts
        between two measurements made minutes apart, and alternating cancels most of it.
        The table gets the rows of the round with the median ratio, which goes to notes;
        `also` ({name: ratio}) adds the medians of more ratios of the same rounds."""
        results = [(first(), second()) for _ in range(1 if args.quick else ROUNDS)]
        picked = None
        for key, fn in {name: ratio, **(also or {})}.items():
            ratios = [fn(a, b) for a, b in results]
            median = sorted(ratios)[len(ratios) // 2]
            picked = picked or results[ratios.index(median)]
            shown = ", ".join(f"{r:.2f}" for r in sorted(ratios))
            notes[f"{key} (median of {len(ratios)} rounds: {shown})"] = median
        rows.extend(picked)
        return picked

    def documents_comparison():
        """The documents register's list and search pages (bench/documents.py) at
        --documents-large documents against --documents-small, each from its own database
        through its own gunicorn, page cache off, one connection, alternately in rounds."""
        sizes = {"small": args.documents_small, "large": args.documents_large}
        paths = register.paths()
        counts = {}
        for key, count in sizes.items():
            db_env = production_env(
                tmp, f"{DB_DOCUMENTS}_{key}", redis=None, extra={"PAGE_CACHE_SECONDS": "0"}
            )
            register.seed(db_env, f"{DB_DOCUMENTS}_{key}", count, reuse=args.reuse)
            if args.only == "documents" and key == "small":  # pages name hashed static files
                manage(db_env, "collectstatic", "--noinput")
            counts[key] = count_queries(db_env, list(paths.values()))
            procs.append(
                gunicorn(
                    db_env, PORTS[f"documents_{key}"], f"documents-{key}", tmp, path=paths["list"]
                )
            )

        def one(key, name):
            return lambda: measure(
                f"documents {name}, cache off, 1 connection ({sizes[key]} documents)",
                PORTS[f"documents_{key}"],
                paths[name],
                "latency",
                connections=1,
                quiet_rows=True,
                counts=counts[key],
            )

        for name in paths:
            alternately(
                one("small", name),
                one("large", name),
                lambda small, large: large["p50"] / small["p50"],
                f"p50 documents {name} at {sizes['large']} / at {sizes['small']} (1 connection)",
            )

    try:
        if args.only != "documents":
            log(f"seeding {args.small} articles into {DB_NAME}")
            reset_database(env, DB_NAME)
            manage(env, "load_demo", "--articles", str(args.small))
            settle(env)
            manage(env, "collectstatic", "--noinput")
            urls = pages(env)
            flush_redis()

            app = gunicorn(env, PORTS["app"], "app", tmp)
            procs.append(app)
            nocache = gunicorn(
                env, PORTS["nocache"], "nocache", tmp, extra_env={"PAGE_CACHE_SECONDS": "0"}
            )
            procs.append(nocache)
            (tmp / "page").mkdir()
            home_bytes = urllib.request.urlopen(f"http://127.0.0.1:{PORTS['app']}/").read()
            (tmp / "page" / "home.html").write_bytes(home_bytes)
            floor = gunicorn(
                {**env, "BENCH_PAGE_FILE": str(tmp / "page" / "home.html")},
                PORTS["floor"],
                "floor",
                tmp,
                app="bench.floor_app:application",
            )
            procs.append(floor)
            sql_only = gunicorn(
                {**env, "BENCH_PAGE_FILE": str(tmp / "page" / "home.html")},
                PORTS["sql"],
                "sql",
                tmp,
                app="bench.sql_floor_app:application",
                extra_env={"PAGE_CACHE_SECONDS": "0"},
            )
            procs.append(sql_only)
            conf = nginx_conf(
                tmp,
                env["STATIC_ROOT"],
                env["MEDIA_ROOT"],
                PORTS["app"],
                PORTS["proxy"],
                extra_servers=static_server(tmp),
            )
            nginx = start(
                ["nginx", "-c", str(conf), "-g", "daemon off;"], env, PORTS["static"], "nginx", tmp
            )
            procs.append(nginx)

            queries = count_queries(env, list(urls.values()))

            static = measure("nginx static file (home bytes)", PORTS["static"], "/", "static")
            floor_r, _warm_home = alternately(
                lambda: measure(
                    "floor WSGI app (same bytes)", PORTS["floor"], "/", "floor", quiet_rows=True
                ),
                lambda: measure("home, cache warm", PORTS["app"], "/", "warm", quiet_rows=True),
                lambda floor, home: home["rps"] / floor["rps"],
                "warm home / floor",
            )
            sql_r = measure(
                "home page's SQL alone, then the same bytes (no ORM, no templates)",
                PORTS["sql"],
                "/",
                "sql",
            )
            for k, u in urls.items():
                if k != "home":
                    measure(f"{k}, cache warm", PORTS["app"], u, "warm")
            off_small = {
                k: measure(f"{k}, cache off ({args.small})", PORTS["nocache"], u, "off")
                for k, u in urls.items()
            }
            proxied = measure("home through deploy/nginx.conf", PORTS["proxy"], "/", "proxy")

            # Each uncached page against its own SQL sent alone (the page's statements, recorded
            # once the site furniture is built), alternately.
            def own_sql(key):
                """A gunicorn sending `key`'s statements alone (the home page's is running)."""
                if key == "home":
                    return None
                page_file = tmp / "page" / f"{key}.html"
                page_file.write_bytes(
                    urllib.request.urlopen(f"http://127.0.0.1:{PORTS['app']}{urls[key]}").read()
                )
                return gunicorn(
                    {**env, "BENCH_PAGE_FILE": str(page_file), "BENCH_SQL_PAGE": urls[key]},
                    PORTS[f"sql_{key}"],
                    f"sql-{key}",
                    tmp,
                    app="bench.sql_floor_app:application",
                    extra_env={"PAGE_CACHE_SECONDS": "0"},
                )

            # One at a time: each holds a database connection per thread.
            for key, u in urls.items():
                server = own_sql(key)
                try:
                    alternately(
                        lambda key=key, u=u: measure(
                            f"{key}, cache off ({args.small}), beside its SQL",
                            PORTS["nocache"],
                            u,
                            "off",
                            quiet_rows=True,
                        ),
                        lambda key=key, u=u: measure(
                            f"{key}'s SQL alone, then its bytes",
                            PORTS["sql" if key == "home" else f"sql_{key}"],
                            "/",
                            "sql",
                            quiet_rows=True,
                            counts={"/": queries.get(u, (None, None))},
                        ),
                        lambda page, sql: page["rps"] / sql["rps"],
                        f"cache-off {key} / its SQL alone",
                    )
                finally:
                    stop(server)

            # Readers on 50 URLs, cache warm: editors idle, then two editors saving a draft each
            # second and a moderator publishing an edit every 10 s through the admin.
            load_before = under_load.load_average()
            reader_urls = under_load.urls(env, crawl=0)["readers"]
            readers_lua = under_load.reader_script(tmp, reader_urls)

            def readers(label, port=PORTS["app"], script=readers_lua):
                return lambda: measure(
                    label,
                    port,
                    "/",
                    "readers",
                    connections=under_load.READERS,
                    quiet_rows=True,
                    counts={},
                    script=script,
                )

            editing = under_load.Editing(env, f"http://127.0.0.1:{PORTS['app']}")
            idle_readers = readers(f"readers, {len(reader_urls)} URLs, cache warm, editors idle")
            busy_readers = readers(
                f"readers, {len(reader_urls)} URLs, "
                "while 2 editors save drafts, a moderator publishes"
            )

            def while_editing():
                with editing.running():
                    return busy_readers()

            alternately(
                idle_readers,
                while_editing,
                lambda idle, busy: busy["rps"] / idle["rps"],
                "readers' req/s while editing / idle",
                also={"readers' p99 while editing / idle": lambda a, b: b["p99"] / a["p99"]},
            )
            notes["editors' saves during the rounds (refused)"] = (
                f"{editing.saves} ({editing.refused}); "
                f"admin 5xx: {len(editing.stats.server_errors)}"
            )

            # One client floods nginx with unknown URLs and searches; another reads the home page.
            flood_counts = {}
            flood = under_load.flooder(tmp, f"http://127.0.0.1:{PORTS['proxy']}/", flood_counts)

            def home_through_nginx(label):
                return lambda: measure(
                    label,
                    PORTS["proxy"],
                    "/",
                    "proxy",
                    connections=under_load.READERS,
                    quiet_rows=True,
                )

            calm = home_through_nginx("home through deploy/nginx.conf, no flood")
            flooded = home_through_nginx("home through deploy/nginx.conf, another client flooding")

            def while_flooding():
                with under_load.Background(flood):
                    return flooded()

            alternately(
                calm,
                while_flooding,
                lambda calm, flooded: flooded["p99"] / calm["p99"],
                "home p99 through nginx while flooded / not",
            )
            notes["flooder's 429 answers"] = flood_counts.get(429, 0)
            notes["flooder's answers (status: count)"] = ", ".join(
                f"{status}: {n}" for status, n in sorted(flood_counts.items())
            )
            notes["load average before / after these rows"] = (
                f"{load_before} / {under_load.load_average()}"
            )
            procs.remove(sql_only)
            stop(sql_only)

            log("soak: 60 s at 64 connections on home and article")
            soak = {}
            for key in ("home", "article"):
                r = wrk(f"http://127.0.0.1:{PORTS['app']}{urls[key]}", soak_seconds, connections=64)
                r.update(
                    label=f"soak {key}, 64 conns, {soak_seconds}s",
                    kind="soak",
                    path=urls[key],
                    queries=None,
                )
                rows.append(r)
                soak[key] = r

            log(f"seeding {args.large} articles into {DB_LARGE}")
            env_large = {
                **env,
                "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + DB_LARGE,
            }
            reset_database(env_large, DB_LARGE)
            manage(env_large, "load_demo", "--articles", str(args.large))
            settle(env_large)
            large_urls = pages(env_large)
            queries_large = count_queries(env_large, list(large_urls.values()))
            procs.append(
                gunicorn(
                    env_large,
                    PORTS["nocache_large"],
                    "nocache-large",
                    tmp,
                    extra_env={"PAGE_CACHE_SECONDS": "0"},
                )
            )
            # A crawler walking distinct article URLs (each a miss) while readers read.
            procs.append(gunicorn(env_large, PORTS["app_large"], "app-large", tmp))
            walk = under_load.urls(env_large, crawl=5000)
            large_lua = under_load.reader_script(tmp / "page", walk["readers"])
            crawl, walked = under_load.crawler(
                f"http://127.0.0.1:{PORTS['app_large']}", walk["crawl"]
            )
            alone = readers(
                f"readers, {len(walk['readers'])} URLs, cache warm ({args.large})",
                port=PORTS["app_large"],
                script=large_lua,
            )
            crawled = readers(
                f"readers, {len(walk['readers'])} URLs, while a crawler walks ({args.large})",
                port=PORTS["app_large"],
                script=large_lua,
            )

            def while_crawling():
                with under_load.Background(crawl):
                    return crawled()

            alternately(
                alone,
                while_crawling,
                lambda alone, crawled: crawled["p99"] / alone["p99"],
                "readers' p99 while a crawler walks articles at 20 req/s / without",
            )
            notes["crawler's requests, distinct URLs of its list (statuses)"] = (
                f"{walked['requests']} of {len(walk['crawl'])} ({walked['statuses']})"
            )
            stop(procs.pop())  # app_large: every gunicorn holds a connection per thread

            off_large = {
                k: measure(
                    f"{k}, cache off ({args.large})",
                    PORTS["nocache_large"],
                    u,
                    "off",
                    counts=queries_large,
                )
                for k, u in large_urls.items()
            }

            # A page's own latency, without queueing behind 31 others: one connection, the small and
            # the large archive alternately.
            def one_connection_p50(key, base_label, other, other_label, ratio_label):
                """p50 of page `key` on one connection: the one-portal small archive against
                `other` = (port, urls, query counts), alternately."""
                port, other_urls, counts = other
                alternately(
                    lambda: measure(
                        f"{key}, cache off, 1 connection ({base_label})",
                        PORTS["nocache"],
                        urls[key],
                        "latency",
                        connections=1,
                        quiet_rows=True,
                    ),
                    lambda: measure(
                        f"{key}, cache off, 1 connection ({other_label})",
                        port,
                        other_urls[key],
                        "latency",
                        connections=1,
                        quiet_rows=True,
                        counts=counts,
                    ),
                    lambda small, large: large["p50"] / small["p50"],
                    ratio_label,
                )

            large_archive = (PORTS["nocache_large"], large_urls, queries_large)
            for key in (k for k in urls if k in large_urls):
                one_connection_p50(
                    key,
                    str(args.small),
                    large_archive,
                    str(args.large),
                    f"p50 {key} at {args.large} / at {args.small} (1 connection)",
                )

            log(
                f"seeding {args.portals} portals, {args.portal_articles} articles into {DB_PORTALS}"
            )
            env_portals = {
                **env,
                "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + DB_PORTALS,
            }
            reset_database(env_portals, DB_PORTALS)
            manage(env_portals, "load_demo")
            seeded = run_django(
                env_portals,
                "from bench.portals import seed\n"
                f"print(json.dumps(seed({args.portals}, {args.portal_articles})))",
            )
            settle(env_portals)
            portal_urls = pages(env_portals)
            sessions = {
                "small": run_django(
                    env,
                    "from bench.portals import one_portal_session\n"
                    "print(json.dumps(one_portal_session()))",
                ),
                "portals": seeded["session"],
            }
            queries_portals = count_queries(env_portals, list(portal_urls.values()))
            admin_queries = {
                name: count_queries(e, [ADMIN_LIST], sessions[name])
                for name, e in (("small", env), ("portals", env_portals))
            }
            procs.append(
                gunicorn(
                    env_portals,
                    PORTS["nocache_portals"],
                    "nocache-portals",
                    tmp,
                    extra_env={"PAGE_CACHE_SECONDS": "0"},
                )
            )
            portals_label = f"{args.portals} portals, {args.portal_articles}"
            many_portals = (PORTS["nocache_portals"], portal_urls, queries_portals)
            for key in (k for k in urls if k in portal_urls):
                one_connection_p50(
                    key,
                    f"1 portal, {args.small}",
                    many_portals,
                    portals_label,
                    f"p50 portal {key} at {portals_label} / one portal (1 connection)",
                )

            def admin_list(name, port):
                cookie = {"Cookie": f"sessionid={sessions[name]}"}
                return lambda: measure(
                    f"editor's admin list, 1 connection ({name})",
                    port,
                    ADMIN_LIST,
                    "latency",
                    connections=1,
                    quiet_rows=True,
                    counts=admin_queries[name],
                    headers=cookie,
                )

            alternately(
                admin_list("small", PORTS["nocache"]),
                admin_list("portals", PORTS["nocache_portals"]),
                lambda small, large: large["p50"] / small["p50"],
                f"p50 editor's admin list at {portals_label} / one portal (1 connection)",
            )

            notes.update(
                {
                    "nginx proxy home / nginx static": proxied["rps"] / static["rps"],
                    "cache-off home / floor": off_small["home"]["rps"] / floor_r["rps"],
                    # The most a page with these queries could reach: PostgreSQL and the
                    # driver alone.
                    "home SQL alone / floor (for information)": sql_r["rps"] / floor_r["rps"],
                }
            )
            for key in off_small:  # at 32 connections p50 is mostly time spent queueing
                if key in off_large and off_small[key]["p50"]:
                    notes[
                        f"p50 {key} at {args.large} / at {args.small} (32 connections, queueing; "
                        "for information)"
                    ] = off_large[key]["p50"] / off_small[key]["p50"]
            notes["soak errors + non-2xx"] = sum(r["errors"] + r["non2xx"] for r in soak.values())
            notes["home page bytes"] = len(home_bytes)
        documents_comparison()
    except (Exception, SystemExit) as error:
        # A shared machine may run out of database connections: the rows measured so far are
        # still reported, with why the run stopped.
        log(f"run stopped: {error}")
        notes["run stopped early"] = f"{type(error).__name__}: {error}"[:300]
    finally:
        for proc in reversed(procs):
            stop(proc)
        drop_database(DB_LARGE)  # about 1 GB; the small one stays for a look afterwards
        drop_database(DB_PORTALS)
        if not args.reuse:
            for key in ("small", "large"):
                drop_database(f"{DB_DOCUMENTS}_{key}")

    targets = {
        "warm home / floor": (">=", 0.80),
        "nginx proxy home / nginx static": (">=", 0.50),
        "cache-off home / floor": (">=", 0.04),
        "soak errors + non-2xx": ("==", 0),
        "readers' req/s while editing / idle": (">=", 0.8),
        "readers' p99 while editing / idle": ("<=", 2.0),
        "readers' p99 while a crawler walks articles at 20 req/s / without": ("<=", 1.5),
        "home p99 through nginx while flooded / not": ("<=", 2.0),
        "flooder's 429 answers": (">=", 1),
        **{f"cache-off {key} / its SQL alone": (">=", 0.4) for key in urls},
    }
    lines = [
        f"# Benchmark {datetime.now():%Y-%m-%d %H:%M} ({os.cpu_count()} cores, wrk -t2 -c32 "
        f"-d{seconds}s, loopback, unless a row says 1 connection (wrk -t1 -c1); wrk timeout 2 s, "
        "10 s for the cache-off rows)",
        "",
        "| measurement | req/s | p50 ms | p99 ms | errors | non-2xx | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {r['rps']:.0f} | {fmt(r['p50'], 2)} | {fmt(r['p99'], 2)} | "
            f"{r['errors']} | {r['non2xx']} | {'-' if r['queries'] is None else r['queries']} |"
        )
    lines += ["", "| ratio | value | target |", "| --- | ---: | --- |"]
    for name, value in notes.items():
        latency = name.startswith("p50") and "(1 connection" in name
        base = name.split(" (median of")[0]
        # A portal's pages among 100 portals: within 1.2 of one portal's; the admin list 1.5.
        portal_page = base.startswith("p50 portal ")
        op, target = targets.get(
            base, ("<=", 1.2 if portal_page else 1.5) if latency else ("", None)
        )
        shown = f"{value:.2f}" if isinstance(value, float) else str(value)
        verdict = ""
        if target is not None:
            ok = {">=": value >= target, "<=": value <= target, "==": value == target}[op]
            verdict = f"{op} {target} {'ok' if ok else 'MISSED'}"
        lines.append(f"| {name} | {shown} | {verdict} |")
    # A --quick smoke run never replaces the last full run's latest.md.
    name = "documents" if args.only == "documents" else "bench"
    latest = "documents-latest.md" if args.only == "documents" else "latest.md"
    if args.quick:
        name, latest = f"{name}-quick", f"quick-{latest}"
    write_report("\n".join(lines) + "\n", name, latest)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
