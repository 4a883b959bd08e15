"""Nothing lost under load: readers and editors at once, for --minutes (default 5).

Seeds a scratch PostgreSQL database, starts gunicorn with production settings and Redis (as
bench/bench.py does), then on loopback:
- readers (a thread pool with keep-alive connections) fetch the home page, article pages and
  search result pages as fast as they are answered;
- two ward editors, each in their own ward, sign in to the admin and write articles through its
  forms over HTTP: create, edit several times, submit for review;
- a moderator signs in, publishes each submitted article and edits it once more.
Every successful save's text is recorded. Afterwards every article's title, lead and body in the
database must be the text of its last successful save (no lost and no half-saved edit), and no
answer may be a 5xx. Writes a report to bench/results/ and exits non-zero if a check failed.

Usage: .venv/bin/python bench/mixed_load.py [--minutes 5] [--readers 8]
Two-step verification is switched off for the run (TWO_FACTOR_REQUIRED=false): the editors are
scripts. They sign in once each and never fail, so the per-address lockout never engages.
"""

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx
import lxml.html
from common import (
    drop_database,
    flush_redis,
    gunicorn,
    log,
    manage,
    production_env,
    reset_database,
    run_django,
    stop,
    write_report,
)

# Movable as bench.py's (BENCH_PORT_BASE, BENCH_DB_SUFFIX), clear of its ports.
DB_NAME = "chaudoc_mixed_load" + os.environ.get("BENCH_DB_SUFFIX", "")
PORT = int(os.environ.get("BENCH_PORT_BASE", "18000")) + 30
SEARCHES = ["giam ngheo", "chau doc", "le hoi", "nong thon moi", "bien tap", "ban sua"]


SEED_STAFF = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from chaudoc.portals.current import portal_map
from chaudoc.portals.models import PortalMembership
from chaudoc.wards.models import Ward
from chaudoc.wards.roles import MODERATOR, WARD_EDITOR
from news.models import Article, Category
User = get_user_model()
portal = portal_map().for_host("127.0.0.1")  # the portal served on loopback
wards = list(Ward.objects.filter(portal=portal).order_by("pk")[:2])
accounts = {}
import secrets
for name, group, ward in [("bientap-a", WARD_EDITOR, wards[0]),
                          ("bientap-b", WARD_EDITOR, wards[1]), ("kiemduyet", MODERATOR, None)]:
    password = secrets.token_urlsafe(16)
    user = User.objects.create_user(name, f"{name}@example.vn", password, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    if ward:
        ward.editors.add(user)
    else:  # a moderator works on the portal's content (ward editors through their wards)
        PortalMembership.objects.create(user=user, portal=portal)
    accounts[name] = {"password": password, "ward": ward.pk if ward else None}
published = Article.objects.published().for_portal(portal).order_by("-published_at")[:200]
articles = [a.get_absolute_url() for a in published]
category = Category.objects.filter(portal=portal).order_by("order").first()
print(json.dumps({"accounts": accounts, "category": category.pk,
                  "articles": articles}))
"""

READ_BACK = """
import sys
from news.models import Article
ids = json.loads(sys.argv[1])
rows = Article.objects.filter(pk__in=ids).values("pk", "title_vi", "lead_vi", "body_vi", "status")
print(json.dumps({str(r["pk"]): r for r in rows}))
"""


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.by_kind = Counter()
        self.latencies = []
        self.errors = Counter()
        self.server_errors = []

    def record(self, kind, url, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.by_kind[kind] += 1
            self.latencies.append(seconds)
            if status >= 500:
                self.server_errors.append(f"{status} {kind} {url}")

    def failure(self, kind, error):
        with self.lock:
            self.errors[f"{kind}: {type(error).__name__}"] += 1


def reader(base, urls, stats, deadline, seed):
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < deadline:
            kind = rng.choice(["home", "article", "article", "search"])
            if kind == "home":
                url = "/"
            elif kind == "article":
                url = rng.choice(urls)
            else:
                url = f"/tim-kiem/?q={rng.choice(SEARCHES).replace(' ', '+')}"
            started = time.perf_counter()
            try:
                response = client.get(url)
            except httpx.HTTPError as error:
                stats.failure(kind, error)
                continue
            stats.record(kind, url, response.status_code, time.perf_counter() - started)


class Editor:
    """A member of staff working in the admin through its HTML forms, as a browser would."""

    def __init__(self, base, username, password, stats):
        self.client = httpx.Client(base_url=base, timeout=60)
        self.stats = stats
        self.username = username
        page = self.get("/quan-tri/login/")
        response = self.post(
            "/quan-tri/login/",
            {
                "csrfmiddlewaretoken": self.token(page),
                "username": username,
                "password": password,
                "next": "/quan-tri/",
            },
        )
        if response.status_code != 302:
            raise SystemExit(f"{username} could not sign in ({response.status_code})")

    def get(self, url):
        started = time.perf_counter()
        response = self.client.get(url)
        self.stats.record("admin GET", url, response.status_code, time.perf_counter() - started)
        return response

    def post(self, url, data):
        started = time.perf_counter()
        response = self.client.post(url, data=data)
        self.stats.record("admin POST", url, response.status_code, time.perf_counter() - started)
        return response

    def token(self, page):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def save_form(self, url, changes):
        """Open the change (or add) form, change some fields, save. Returns the article id or
        None when the form was refused."""
        page = self.get(url)
        form = next(
            f for f in lxml.html.fromstring(page.text).forms if f.get("id", "").endswith("_form")
        )
        data = dict(form.form_values())
        data.update(changes)
        data["_continue"] = "1"  # "save and continue editing": the answer names the article
        response = self.post(url, data)
        if response.status_code != 302:
            return None
        return int(re.search(r"/news/article/(\d+)/change/", response.headers["location"])[1])

    def workflow(self, pk, action):
        url = f"/quan-tri/news/article/{pk}/workflow/{action}/"
        page = self.get(url)
        return self.post(url, {"csrfmiddlewaretoken": self.token(page)}).status_code == 302


def text_for(author, pk, n):
    stamp = datetime.now().strftime("%H:%M:%S.%f")
    return {
        "title_vi": f"Bài của {author} số {pk} - bản sửa {n}",
        "lead_vi": f"Tóm tắt bản sửa {n} lúc {stamp}.",
        "body_vi": f"<p>Nội dung bản sửa {n} của {author}, lúc {stamp}: giảm nghèo bền vững.</p>",
    }


def editor_loop(editor, category, ward, ledger, pending, deadline, edits_per_article, seed):
    rng = random.Random(seed)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        first = text_for(editor.username, f"mới {n}", 0)
        pk = editor.save_form(
            "/quan-tri/news/article/add/",
            {
                **first,
                "category": str(category),
                "ward": str(ward),
            },
        )
        if pk is None:
            ledger.refused(editor.username)
            continue
        ledger.saved(pk, first)
        for edit in range(1, edits_per_article + 1):
            if time.monotonic() >= deadline:
                break
            text = text_for(editor.username, pk, edit)
            if editor.save_form(f"/quan-tri/news/article/{pk}/change/", text):
                ledger.saved(pk, text)
            else:
                ledger.refused(editor.username)
            time.sleep(rng.uniform(0.1, 0.5))  # a person reads before saving again
        if editor.workflow(pk, "submit"):
            pending.append(pk)


def moderator_loop(moderator, ledger, pending, deadline):
    while time.monotonic() < deadline:
        if not pending:
            time.sleep(0.2)
            continue
        pk = pending.pop(0)
        if not moderator.workflow(pk, "approve"):
            ledger.refused(moderator.username)
            continue
        ledger.published += 1
        text = text_for(moderator.username, pk, "kiểm duyệt")
        if moderator.save_form(f"/quan-tri/news/article/{pk}/change/", text):
            ledger.saved(pk, text)
        else:
            ledger.refused(moderator.username)


class Ledger:
    """The last text each article was successfully saved with."""

    def __init__(self):
        self.lock = threading.Lock()
        self.final = {}
        self.saves = 0
        self.refusals = Counter()
        self.published = 0

    def saved(self, pk, text):
        with self.lock:
            self.final[pk] = text
            self.saves += 1

    def refused(self, who):
        with self.lock:
            self.refusals[who] += 1


def percentile(values, pct):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--articles", type=int, default=1000, help="seeded before the run")
    parser.add_argument("--edits", type=int, default=4, help="edits per article by its editor")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-mixed-"))
    env = production_env(
        tmp,
        DB_NAME,
        extra={
            "TWO_FACTOR_REQUIRED": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        },
    )
    log(f"seeding {args.articles} articles into {DB_NAME}")
    reset_database(env, DB_NAME)
    manage(env, "load_demo", "--articles", str(args.articles))
    manage(env, "collectstatic", "--noinput")
    seed = run_django(env, SEED_STAFF)
    flush_redis()

    server = gunicorn(env, PORT, "app", tmp)
    base = f"http://127.0.0.1:{PORT}"
    stats, ledger, pending = Stats(), Ledger(), []
    try:
        accounts = seed["accounts"]
        editors = [
            Editor(base, name, accounts[name]["password"], stats)
            for name in ("bientap-a", "bientap-b")
        ]
        moderator = Editor(base, "kiemduyet", accounts["kiemduyet"]["password"], stats)
        started = time.monotonic()
        deadline = started + args.minutes * 60
        log(f"{args.minutes:g} min: {args.readers} readers, 2 ward editors, 1 moderator")
        threads = [
            threading.Thread(target=reader, args=(base, seed["articles"], stats, deadline, i))
            for i in range(args.readers)
        ]
        threads += [
            threading.Thread(
                target=editor_loop,
                args=(
                    editor,
                    seed["category"],
                    accounts[editor.username]["ward"],
                    ledger,
                    pending,
                    deadline,
                    args.edits,
                    i,
                ),
            )
            for i, editor in enumerate(editors)
        ]
        threads.append(
            threading.Thread(target=moderator_loop, args=(moderator, ledger, pending, deadline))
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        stop(server)

    stored = run_django(
        {**env}, READ_BACK.replace("sys.argv[1]", repr(json.dumps(list(ledger.final))))
    )
    lost, half = [], []
    for pk, text in ledger.final.items():
        row = stored.get(str(pk))
        if row is None or all(row[k] != v for k, v in text.items()):
            lost.append(pk)
        elif any(row[k] != v for k, v in text.items()):
            half.append(pk)

    reads = sum(stats.by_kind[k] for k in ("home", "article", "search"))
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    lines = [
        f"# Mixed load {datetime.now():%Y-%m-%d %H:%M} ({os.cpu_count()} cores, loopback, "
        f"gunicorn with production settings and Redis)",
        "",
        f"- duration: {elapsed:.0f} s; {args.readers} reader threads, 2 ward editors, "
        "1 moderator, all over HTTP",
        f"- requests: {sum(stats.statuses.values())} in all; reads {reads} "
        f"({reads / elapsed:.0f}/s): home {stats.by_kind['home']}, article "
        f"{stats.by_kind['article']}, search {stats.by_kind['search']}; admin "
        f"{stats.by_kind['admin GET']} GET, {stats.by_kind['admin POST']} POST",
        f"- latency of all requests: p50 {percentile(stats.latencies, 50):.1f} ms, "
        f"p99 {percentile(stats.latencies, 99):.1f} ms, mean "
        f"{statistics.fmean(stats.latencies) * 1000:.1f} ms",
        f"- statuses: {dict(sorted(stats.statuses.items()))}; connection errors: "
        f"{dict(stats.errors) or 0}",
        f"- 5xx answers: {server_errors}",
        f"- edits saved: {ledger.saves} on {len(ledger.final)} articles "
        f"({ledger.published} published by the moderator); forms refused: "
        f"{sum(ledger.refusals.values())}",
        f"- lost edits: {len(lost)}; half-saved edits: {len(half)}",
    ]
    if stats.server_errors:
        lines += ["", "5xx:", *[f"    {e}" for e in stats.server_errors[:20]]]
    if lost or half:
        lines += ["", f"lost: {lost[:20]}", f"half-saved: {half[:20]}"]
    ok = not server_errors and not lost and not half and ledger.saves > 0
    lines += ["", f"Result: {'PASS' if ok else 'FAIL'}"]
    write_report("\n".join(lines) + "\n", "mixed-load", "mixed-load-latest.md")
    drop_database(DB_NAME)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
