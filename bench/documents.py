"""The documents register at scale: list and search p50 at 50,000 documents against 1,000.

bench/bench.py measures these pages as rows of its report (bench/run), each on one connection
through gunicorn with the page cache off, the two databases alternately in rounds like its
other ratios (the median round counts; limit 1.5). The comparison alone:

    bench/run --only documents [--quick] [--documents-small 1000] [--documents-large 50000]
              [--reuse]

writes bench/results/documents-latest.md (and a dated copy). This module holds what is
particular to documents: the pages and how a scratch database is seeded, with published
documents spread over types, issuers, fields and the same ten years whatever their number (so a
filter by year finds documents in both databases), each with its stored search document (a
summary and a file's text, as an upload leaves them), and a few relations.
"""

import subprocess
from urllib.parse import urlencode

import common

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
        field=fields[n % len(fields)], issued_on=date(2016, 1, 1) + timedelta(days=n * 7919 % 3650),
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

COUNT = r"""
from documents.models import Document
print(json.dumps(Document.objects.count()))
"""


def paths():
    """{name: path with its query string} of the measured pages."""
    return {
        name: f"{path}?{urlencode(params)}" if params else path
        for name, (path, params) in PAGES.items()
    }


def seeded(env):
    """How many documents env's database holds (None when it does not exist yet)."""
    try:
        return common.run_django(env, COUNT)
    except Exception:
        return None


def seed(env, db_name, count, reuse=False):
    """Make `db_name` (env's database) hold `count` seeded documents; with `reuse`, a database
    that already holds that many is only migrated."""
    if reuse and seeded(env) == count:
        common.manage(env, "migrate", "--noinput")
        return
    common.log(f"seeding {count} documents into {db_name}")
    common.reset_database(env, db_name)
    common.run_django(env, SEED, str(count))
    common.manage(env, "rebuild_search_index")
    # As autovacuum would after a bulk load: without statistics the planner walks the list
    # index for a number or a rare word (measured: 0.3 s instead of 1 ms).
    subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True)
