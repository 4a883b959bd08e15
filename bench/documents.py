"""The documents register at scale (a script, not a test): list and search p50 at 50,000
documents against 1,000.

    .venv/bin/python bench/documents.py [--small 1000] [--large 50000] [--requests 60]

Seeds two scratch PostgreSQL databases (production settings, the page cache off, so every
request renders) with published documents spread over types, issuers, fields and years, each
with its stored search document (a summary and a file's text, as an upload leaves them), and a
few relations. Then, in one process per database, it times the list page (plain, filtered by
type + validity + year, found by number) and the site search (a word in summaries, a word only
in files) on one connection, alternately in three rounds; the median round counts. Prints a
table and writes bench/results/documents-latest.md.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

ROUNDS = 3
PAGES = {
    "list": ("/van-ban/", {}),
    "list-filtered": ("/van-ban/", {"loai": "quyet-dinh", "hieu-luc": "con", "nam": "2024"}),
    "list-number": ("/van-ban/", {"so": "125 qd ubnd"}),
    "search-summary": ("/tim-kiem/", {"q": "ngan sach"}),
    "search-file-text": ("/tim-kiem/", {"q": "kenhvinhte"}),
}

SEED = r"""
import sys
from datetime import date, timedelta
from django.utils import timezone
from documents.demo import load_reference
from documents.models import Attachment, Document, DocumentRelation, Issuer

count = int(sys.argv[1])
types, fields = load_reference()
types, fields = list(types.values()), list(fields.values())
issuers = [Issuer.objects.create(name_vi=f"UBND phường mẫu {i}") for i in range(5)]
subjects = ["ngân sách năm", "phòng chống lũ", "cải cách hành chính", "đất đai xây dựng",
            "văn hóa xã hội", "giảm nghèo bền vững", "trật tự đô thị"]
now = timezone.now()
batch = []
for n in range(1, count + 1):
    doc = Document(
        number=f"{n}/QĐ-UBND", number_key=f"{n}qdubnd", slug=f"van-ban-{n}",
        doc_type=types[n % len(types)], issuer=issuers[n % len(issuers)],
        field=fields[n % len(fields)], issued_on=date(2016, 1, 1) + timedelta(days=n % 3650),
        effective_until=(date(2024, 6, 1) if n % 11 == 0 else None),
        summary_vi=f"Về việc {subjects[n % len(subjects)]} (văn bản mẫu số {n})",
        summary_en=f"On {n}", status="published", published_at=now - timedelta(days=1),
    )
    batch.append(doc)
    if len(batch) == 5000 or n == count:
        made = Document.objects.bulk_create(batch)
        # Each with a file's text, as an upload leaves it (no file needed to search it).
        Attachment.objects.bulk_create(
            Attachment(
                document=d, file="documents/bench.pdf", kind="pdf", size=1000,
                text="noi dung kenhvinhte" if d.pk % 500 == 0 else "noi dung van ban",
            )
            for d in made
        )
        batch = []
pks = list(Document.objects.order_by("pk").values_list("pk", flat=True)[:200])
DocumentRelation.objects.bulk_create(
    DocumentRelation(source_id=a, kind="replaces", target_id=b) for a, b in zip(pks[1::2], pks[::2])
)
print(json.dumps({"documents": Document.objects.count()}))
"""

MEASURE = r"""
import sys, time
from django.test import Client
pages = json.loads(sys.argv[1]); n = int(sys.argv[2])
client = Client(HTTP_HOST="127.0.0.1")
out = {}
for name, (path, params) in pages.items():
    client.get(path, params)  # warm
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path, params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (name, response.status_code)
    times.sort()
    out[name] = times[len(times) // 2]
print(json.dumps(out))
"""


COUNT = r"""
from documents.models import Document
print(json.dumps(Document.objects.count()))
"""


def _seeded(env):
    try:
        return common.run_django(env, COUNT)
    except Exception:  # no such database yet
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--reuse", action="store_true", help="Keep and reuse seeded databases (no drop at the end)."
    )
    args = parser.parse_args()
    log = common.logger("documents")
    tmp = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    sizes = {"small": args.small, "large": args.large}
    envs = {}
    for key, count in sizes.items():
        db = f"bench_documents_{key}"
        env = common.production_env(tmp, db, redis=None, extra={"PAGE_CACHE_SECONDS": "0"})
        env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
        if args.reuse and _seeded(env) == count:
            common.manage(env, "migrate", "--noinput")
        else:
            log(f"seeding {count} documents into {db}")
            common.reset_database(env, db)
            common.run_django(env, SEED, str(count))
            common.manage(env, "rebuild_search_index")
            # As autovacuum would after a bulk load: without statistics the planner walks the
            # list index for a number or a rare word (measured: 0.3 s instead of 1 ms).
            subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
        envs[key] = env
    common.manage(env, "collectstatic", "--noinput")  # production pages name hashed files
    rounds = []
    for n in range(ROUNDS):
        result = {}
        for key, env in envs.items():
            log(f"round {n + 1}: {key}")
            result[key] = common.run_django(env, MEASURE, json.dumps(PAGES), str(args.requests))
        rounds.append(result)
    report = {}
    for page in PAGES:
        ratios = sorted(r["large"][page] / r["small"][page] for r in rounds)
        median = ratios[len(ratios) // 2]
        chosen = next(r for r in rounds if r["large"][page] / r["small"][page] == median)
        report[page] = (chosen["small"][page], chosen["large"][page], median, ratios)
    lines = [
        f"# Documents register at scale ({datetime.now():%Y-%m-%d %H:%M})",
        "",
        f"p50 of {args.requests} requests on one connection, page cache off, production "
        f"settings; {args.small:,} vs {args.large:,} documents; median of {ROUNDS} rounds.",
        "",
        f"| page | {args.small:,} (ms) | {args.large:,} (ms) | ratio | rounds |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for page, (small, large, ratio, ratios) in report.items():
        shown = ", ".join(f"{r:.2f}" for r in ratios)
        lines.append(f"| {page} | {small:.1f} | {large:.1f} | {ratio:.2f} | {shown} |")
    worst = max(r[2] for r in report.values())
    lines += ["", f"Worst ratio {worst:.2f} (limit 1.5)."]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    (common.RESULTS / "documents-latest.md").write_text(text)
    for key in sizes:
        if not args.reuse:
            common.drop_database(f"bench_documents_{key}")
    return 0 if worst <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
