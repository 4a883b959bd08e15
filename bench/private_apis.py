"""What each remaining shortcut through a library's private internals saves (a script, not a test).

    .venv/bin/python bench/private_apis.py [--articles 1000] [--requests 300]

The rule (issue 15): a shortcut that saves less than a tenth of its page's time goes. Each
shortcut is timed in one process, its page rendered with and without it, alternately in
rounds (the median round counts), CPU time per page (`time.process_time`, PostgreSQL's own
time not included, as the shortcuts save Python work):

- chaudoc/pagecache/backends.py, one redis client per pool (RedisCacheClient._get_connection_pool,
  ._client): a warm page hit through the WSGI door, our backend against Django's stock one;
- weather/selectors.py, the river status's SQL built once (Query.sql_with_params): an article
  page with the page cache off, against the plain ORM query;
- chaudoc/search/engine.py load_together (compiler.as_sql, a compiler handing back fetched
  rows): a search page listing articles and albums, against one ORM query per source.

Production settings, PostgreSQL and Redis as bench/run uses them; writes
bench/results/private-apis-latest.md.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

ROUNDS = 3
DB = "bench_private_apis"


def _per_page(call, n):
    call()  # warm: templates loaded, SQL built, connections open
    start = time.process_time()
    for _ in range(n):
        call()
    return (time.process_time() - start) / n * 1000


def _alternately(with_shortcut, without, n):
    """Median round of (ms with, ms without)."""
    rounds = []
    for _ in range(ROUNDS):
        rounds.append((_per_page(with_shortcut, n), _per_page(without, n)))
    rounds.sort(key=lambda r: r[1] - r[0])
    return rounds[len(rounds) // 2]


def measure(n):
    """In the child process: Django set up with production settings on the seeded database."""
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from chaudoc.pagecache.pages import PageCacheWSGI
    from chaudoc.search import engine
    from news.models import Article
    from weather import selectors

    results = {}
    location = os.environ["REDIS_URL"]

    # 1. Redis client per pool, on a warm page hit through the WSGI door.
    app = PageCacheWSGI(get_wsgi_application())
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }

    def hit():
        body = app(dict(environ), lambda status, headers, exc_info=None: None)
        b"".join(body)
        getattr(body, "close", lambda: None)()

    def cache(backend):
        return override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": location}})

    def hit_with(backend):
        def call():
            with cache(backend):
                hit()

        return call

    ours, stock = (
        "chaudoc.pagecache.backends.RedisCache",
        "django.core.cache.backends.redis.RedisCache",
    )
    with_, without = _alternately(hit_with(ours), hit_with(stock), n * 10)

    # override_settings itself costs the same on both sides; measure it to show the hit alone
    def override_only():
        with cache(ours):
            pass

    nothing = _per_page(override_only, n * 10)
    results["redis client per pool (warm home hit)"] = (with_, without, nothing)

    # 2 and 3 render pages: the page cache off.
    with override_settings(PAGE_CACHE_SECONDS=0):
        client = Client(HTTP_HOST="127.0.0.1")
        article = Article.objects.published().order_by("-published_at").first()
        path = article.get_absolute_url()
        orm_river = selectors._latest_two_with_stations
        plain = lambda: list(selectors.latest_two_readings())  # noqa: E731

        def article_page(fetch):
            def call():
                selectors._latest_two_with_stations = fetch
                try:
                    assert client.get(path).status_code == 200
                finally:
                    selectors._latest_two_with_stations = orm_river

            return call

        with_, without = _alternately(article_page(orm_river), article_page(plain), n)
        results["river SQL built once (article, cache off)"] = (with_, without, 0.0)

        together = engine.load_together
        one_each = lambda querysets: [{o.pk: o for o in qs} for qs in querysets]  # noqa: E731
        query = os.environ.get("BENCH_SEARCH_QUERY", "giảm nghèo bền vững")

        def search_page(load):
            def call():
                engine.load_together = load
                try:
                    assert client.get("/tim-kiem/", {"q": query}).status_code == 200
                finally:
                    engine.load_together = together

            return call

        counts = {}
        for name, load in (("with", together), ("without", one_each)):
            with CaptureQueriesContext(connection) as queries:
                search_page(load)()
            counts[name] = len(queries)
        with_, without = _alternately(search_page(together), search_page(one_each), n)
        results[
            f"load_together (search page, {counts['with']} queries; {counts['without']} without)"
        ] = (with_, without, 0.0)
    sys.stdout.write(json.dumps(results) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.requests)

    import subprocess

    import common

    with tempfile.TemporaryDirectory() as tmp:
        env = common.production_env(Path(tmp), DB)
        common.reset_database(env, DB)
        common.manage(env, "collectstatic", "--noinput")
        common.manage(env, "load_demo", "--articles", str(args.articles))
        common.flush_redis()
        out = subprocess.run(
            [common.PY, __file__, "--measure", "--requests", str(args.requests)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        common.drop_database(DB)
    if out.returncode:
        sys.stderr.write(out.stderr)
        raise SystemExit(out.returncode)
    results = json.loads(out.stdout.strip().splitlines()[-1])
    lines = [
        f"# Private-API shortcuts, {time.strftime('%Y-%m-%d %H:%M')} "
        f"(CPU ms per page, median of {ROUNDS} alternating rounds, {args.articles} articles)",
        "",
        "| shortcut | with | without | saved | of the page | a tenth or more? |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, (with_, without, overhead) in results.items():
        page = without - overhead
        saved = without - with_
        share = saved / page if page else 0
        verdict = "yes" if share >= 0.10 else "no"
        lines.append(
            f"| {name} | {with_ - overhead:.3f} | {page:.3f} | {saved:.3f} | "
            f"{share:.0%} | {verdict} |"
        )
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    (common.RESULTS / "private-apis-latest.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
