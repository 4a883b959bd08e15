"""Time the site search on PostgreSQL at scale (a script, not a test).

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py [--articles 50000]

Loads demo content up to --articles synthetic articles (load_demo, bulk), runs ANALYZE, then
times 200 varied queries (words found in almost every article such as "Châu Đốc", rare words,
with and without tone marks, phrases, misspellings, filters) twice over: the engine as the
search page calls it (ranked candidates + page 1 with snippets), and the whole page through
Django's test client. Prints median and p95 and writes them, with EXPLAIN ANALYZE plans of the
candidate query, to bench/results/.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.development")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # time the search itself, not the page cache

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from chaudoc.search.engine import attach, search  # noqa: E402
from chaudoc.search.views import PAGE_SIZE  # noqa: E402
from chaudoc.wards.models import Ward  # noqa: E402
from news.models import Article, Category  # noqa: E402

BASE_QUERIES = [
    "Châu Đốc",
    "chau doc",
    "CHÂU ĐỐC",
    "thành phố Châu Đốc",
    "UBND thành phố",
    "giảm nghèo",
    "giam ngheo",
    "giảm nghèo bền vững",
    "hội nghị",
    "hoi nghi tong ket",
    "Vĩnh Ngươn",
    "Vĩnh Nguơn",
    "vinh nguon",
    "Núi Sam",
    "nui sam",
    "Vĩnh Tế",
    "Châu Phú A",
    "phường Vĩnh Mỹ",
    "xã Vĩnh Châu",
    "dọn vệ sinh môi trường",
    "ve sinh moi truong",
    "cải cách hành chính",
    "nhà Đại đoàn kết",
    "cận nghèo",
    "sốt xuất huyết",
    "dạy nghề lao động nông thôn",
    "an toàn thực phẩm",
    "Vía Bà Chúa Xứ",
    "chuyển đổi số",
    "quà Tết gia đình chính sách",
    "phòng chống lũ",
    "dân vận khéo",
    "an ninh chính trị",
    "người dân",
    "đời sống vật chất tinh thần",
    "biểu dương tập thể cá nhân",
    "tin mẫu số 12345",
    "tin mau so 49999",
    "giảm nghẻo",
    "Chau Doc giam ngheo",
    "ngheoo",
    "hoi nhgi",
    "xyzzy",
    "nhiệm vụ trọng tâm",
    "huy động sự tham gia",
    "Trần Quốc Tuấn",
    "2023",
    "năm 2024",
    "chau",
    "doc",
]


def queries(n):
    """n queries: the list above, then the same with a filter or a different case."""
    categories = list(Category.objects.values_list("slug", flat=True))
    wards = list(Ward.objects.values_list("slug", flat=True))
    out = []
    i = 0
    while len(out) < n:
        q = BASE_QUERIES[i % len(BASE_QUERIES)]
        round_ = i // len(BASE_QUERIES)
        filters = {}
        if round_ == 1:
            q = q.lower()
        elif round_ == 2:
            filters = {"category": Category.objects.get(slug=categories[i % len(categories)])}
        elif round_ == 3:
            filters = {"ward": Ward.objects.get(slug=wards[i % len(wards)])}
        out.append((q, filters))
        i += 1
    return out


def run_engine(q, filters):
    results = search(q, language="vi", filters=filters)
    attach(results.hits[:PAGE_SIZE], results.words)
    return results


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(fn, items, rounds):
    """Per query, the best of `rounds` runs (ms): the machine's other work only adds noise."""
    best = [float("inf")] * len(items)
    for _ in range(rounds):
        for i, item in enumerate(items):
            start = time.perf_counter()
            fn(*item)
            best[i] = min(best[i], (time.perf_counter() - start) * 1000)
    return best


def explain(q, filters=None):
    """EXPLAIN ANALYZE of every statement that search() runs for `q`."""
    with CaptureQueriesContext(connection) as captured:
        search(q, language="vi", filters=filters)
    plans = []
    with connection.cursor() as cursor:
        for statement in captured.captured_queries:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append(f"-- {statement['sql']}\n{plan}")
    return "\n\n".join(plans)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="runs per query; the best counts")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)
    call_command("load_demo", articles=args.articles, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE news_article")
    total = Article.objects.published().count()
    items = queries(args.queries)
    timed(run_engine, items[:20], 1)  # warm the caches, as a running server is
    first = timed(run_engine, items, 1)
    engine = timed(run_engine, items, args.rounds)
    client = Client()
    page = timed(
        lambda q, f: client.get("/tim-kiem/", {"q": q, **{k: v.slug for k, v in f.items()}}),
        items,
        args.rounds,
    )
    slowest = sorted(zip(engine, items, strict=True), key=lambda x: -x[0])[:5]
    lines = [
        f"Search benchmark: {total} published articles, {len(items)} queries, PostgreSQL "
        f"{connection.pg_version // 10000}, load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores",
        f"engine, single run of each query: median {statistics.median(first):.1f} ms, "
        f"p95 {percentile(first, 95):.1f} ms, max {max(first):.1f} ms",
        f"engine (ranked candidates + page 1 with snippets), best of {args.rounds}: median "
        f"{statistics.median(engine):.1f} ms, p95 {percentile(engine, 95):.1f} ms, "
        f"max {max(engine):.1f} ms",
        f"whole page (/tim-kiem/ through the test client), best of {args.rounds}: median "
        f"{statistics.median(page):.1f} ms, p95 {percentile(page, 95):.1f} ms, "
        f"max {max(page):.1f} ms",
        "slowest engine queries: "
        + "; ".join(f"{q!r}{' ' + str(list(f)) if f else ''} {t:.1f} ms" for t, (q, f) in slowest),
    ]
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    report = "\n".join(lines)
    for q in ("Châu Đốc", "dân vận khéo", "giảm nghèo bền vững", "ngheoo"):
        report += f"\n\n== EXPLAIN ANALYZE of the statements for {q!r}\n{explain(q)}"
    # The worst case seen: words found only outside the chosen ward (the planner, expecting
    # many matches, walks the ward's date index to the end).
    ward = {"ward": Ward.objects.get(name="Núi Sam")}
    report += (
        "\n\n== EXPLAIN ANALYZE for 'xã Vĩnh Châu' in phường Núi Sam (worst case)\n"
        + explain("xã Vĩnh Châu", ward)
    )
    (out / "search.txt").write_text(report + "\n", encoding="utf-8")
    print("\n".join(lines))  # noqa: T201 (a script's output)
    print(f"Plans and figures written to {out / 'search.txt'}")  # noqa: T201


if __name__ == "__main__":
    main()
