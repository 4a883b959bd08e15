"""Search quality on the judged query set (tests/search_judged.py), before and after.

    .venv/bin/python bench/search_quality.py [--database postgres://.../scratch] [--check]

Migrates the database (DATABASE_URL, or --database: a PostgreSQL scratch database or
sqlite:///file), loads the judged corpus inside a transaction that is rolled back, and runs
every judged query twice: as the search was before two tiers and the abbreviation table (every
word folded, no table) and as it is. Prints precision at 5 and nDCG at 10 per kind of query,
for queries typed with and without tone marks, and for all; writes them to
bench/results/search-quality-<vendor>.md. --check exits 1 when a figure is below its floor
(tests/search_judged.py FLOORS), as tests/chaudoc/search/test_quality.py does in the suite.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="database URL (default: DATABASE_URL)")
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    parser.add_argument("--quiet", action="store_true", help="print nothing but failures")
    parser.add_argument("--no-write", action="store_true", help="leave bench/results alone")
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.development")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from tests.search_judged import FLOORS, JUDGED, below_floors, evaluate, load_corpus, table

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        articles = load_corpus()
        before, after = evaluate(articles, baseline=True), evaluate(articles)
        transaction.set_rollback(True)
    report = (
        f"Search quality: {len(JUDGED)} judged queries over {len(articles)} articles, "
        f"{connection.vendor}\n\n{table(before, after)}\n"
    )
    if not args.no_write:
        out = ROOT / "bench" / "results" / f"search-quality-{connection.vendor}.md"
        out.write_text(report, encoding="utf-8")
    failures = below_floors(after, FLOORS)
    if not args.quiet:
        print(report)  # noqa: T201 (a script's output)
    for failure in failures:
        print(f"below the floor: {failure}")  # noqa: T201
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
