"""Nothing lost under load: readers and editors at once, for --minutes (default 5).

Seeds a scratch PostgreSQL database, starts gunicorn with production settings and Redis (as
bench/bench.py does), then on loopback:
- readers (a thread pool with keep-alive connections) fetch the home page, article pages and
  search result pages as fast as they are answered;
- two ward editors, each in their own ward, sign in to the admin and write articles through its
  forms over HTTP: create, edit several times, submit for review;
- a moderator signs in, publishes each submitted article and edits it once more;
- after --baseline minutes (a third of the run by default), residents (bench/residents.py) come
  through nginx (deploy/nginx.conf, as bench.py starts it), each from a loopback address of its
  own: they open the question form and send questions (past the challenge by its text
  question), and rate articles and published answers; one hasty resident sends from a single
  address without pause and meets the limits (429). Readers and editors talk to gunicorn
  directly, as before, so their figures compare with earlier runs.
Every successful save's text is recorded. Afterwards every article's title, lead and body in the
database must be the text of its last successful save (no lost and no half-saved edit); every
question a resident got a tracking code for must be stored once under that code, and no other
bench question stored; the ratings stored on each page must be the ones acknowledged as counted;
and no answer may be a 5xx. The report gives 5xx and 429 per kind of client, and readers' p50,
p99 and pages/s before and after the residents came. Writes it to bench/results/ and exits
non-zero if a check failed.

Usage: .venv/bin/python bench/mixed_load.py [--minutes 5] [--readers 8] [--residents 4]
Two-step verification is switched off for the run (TWO_FACTOR_REQUIRED=false): the editors are
scripts. They sign in once each and never fail, so the per-address lockout never engages.
"""

import argparse
import itertools
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
import residents
from common import (
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
from residents import Ledger as Voices

# Movable as bench.py's (BENCH_PORT_BASE, BENCH_DB_SUFFIX), clear of its ports.
DB_NAME = "chaudoc_mixed_load" + os.environ.get("BENCH_DB_SUFFIX", "")
PORT = int(os.environ.get("BENCH_PORT_BASE", "18000")) + 30
PROXY_PORT = PORT + 1  # nginx (deploy/nginx.conf) in front of the same gunicorn
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
from participation.models import Question
answers = [q.get_absolute_url() for q in Question.objects.public()]
print(json.dumps({"accounts": accounts, "category": category.pk,
                  "articles": articles, "answers": answers}))
"""

READ_BACK = """
import sys
from news.models import Article
ids = json.loads(sys.argv[1])
rows = Article.objects.filter(pk__in=ids).values("pk", "title_vi", "lead_vi", "body_vi", "status")
print(json.dumps({str(r["pk"]): r for r in rows}))
"""

# What the residents left: the bench's questions (by title prefix, with their codes) and every
# rating, per target ("news.article:12"), as the rating form names it.
RESIDENTS_BACK = """
import sys
from collections import Counter
from chaudoc.ratings.models import Rating
from participation.models import Question
bench = Question.objects.filter(title__startswith=sys.argv[1])
questions = list(bench.values_list("code", "title"))
ratings = Counter()
for app, model, object_id in Rating.objects.values_list(
        "content_type__app_label", "content_type__model", "object_id").iterator():
    ratings[f"{app}.{model}:{object_id}"] += 1
print(json.dumps({"questions": questions, "ratings": ratings}))
"""


READS = ("home", "article", "search")


def group_of(kind):
    """Which kind of client a request came from: readers, editors (and the moderator), or
    residents."""
    if kind in READS:
        return "readers"
    return "residents" if kind.startswith("resident") else "editors"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.by_kind = Counter()
        self.by_group = {g: Counter() for g in ("readers", "editors", "residents")}
        self.latencies = []
        self.reads = []  # (when it ended, seconds) of every read, to split by phase
        self.errors = Counter()
        self.server_errors = []

    def record(self, kind, url, status, seconds):
        with self.lock:
            self.statuses[status] += 1
            self.by_kind[kind] += 1
            self.by_group[group_of(kind)][status] += 1
            self.latencies.append(seconds)
            if kind in READS:
                self.reads.append((time.monotonic(), seconds))
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


def reader_figures(reads, start, end):
    """Readers' p50, p99 (ms) and pages a second between `start` and `end` (monotonic)."""
    seconds = [s for when, s in reads if start <= when < end]
    span = max(end - start, 1e-9)
    return percentile(seconds, 50), percentile(seconds, 99), len(seconds) / span


def check_residents(ledger, stored, ratings_before):
    """Every acknowledged submission stored once, nothing stored that was not acknowledged:
    questions by tracking code (and title), ratings per page by count."""
    codes = Counter(code for code, _title in stored["questions"])
    titles = Counter(title for _code, title in stored["questions"])
    by_code = dict(stored["questions"])
    problems = {
        "questions acknowledged but not stored": [
            c for c, t in ledger.questions.items() if by_code.get(c) != t
        ],
        "questions stored but not acknowledged": [c for c in codes if c not in ledger.questions],
        "questions stored twice": [t for t, n in titles.items() if n > 1]
        + [c for c, n in codes.items() if n > 1]
        + ledger.duplicate_codes,
    }
    after = Counter(stored["ratings"])
    after.subtract(ratings_before)
    targets = set(after) | set(ledger.ratings)
    problems["ratings acknowledged but not stored"] = [
        f"{t}: {ledger.ratings[t]} acknowledged, {after[t]} stored"
        for t in sorted(targets)
        if after[t] < ledger.ratings[t]
    ]
    problems["ratings stored but not acknowledged"] = [
        f"{t}: {ledger.ratings[t]} acknowledged, {after[t]} stored"
        for t in sorted(targets)
        if after[t] > ledger.ratings[t]
    ]
    return {k: v for k, v in problems.items() if v}, sum(max(0, n) for n in after.values())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--articles", type=int, default=1000, help="seeded before the run")
    parser.add_argument("--edits", type=int, default=4, help="edits per article by its editor")
    parser.add_argument(
        "--residents", type=int, default=4, help="resident threads (0: readers and editors only)"
    )
    parser.add_argument(
        "--hasty", type=int, default=1, help="residents sending from one address without pause"
    )
    parser.add_argument(
        "--baseline",
        type=float,
        default=None,
        help="minutes at the start without residents (default: a third of --minutes)",
    )
    args = parser.parse_args()
    baseline = args.minutes / 3 if args.baseline is None else args.baseline
    with_residents = bool(args.residents or args.hasty)
    if not with_residents:
        baseline = args.minutes

    tmp = Path(tempfile.mkdtemp(prefix="chaudoc-mixed-"))
    tmp.chmod(0o755)  # nginx workers (www-data or nobody) write its micro-cache under tmp
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
    before = run_django(env, RESIDENTS_BACK, residents.TITLE_PREFIX)
    flush_redis()

    server = gunicorn(env, PORT, "app", tmp)
    proxy = None
    base = f"http://127.0.0.1:{PORT}"
    proxied = f"http://127.0.0.1:{PROXY_PORT}"
    stats, ledger, pending = Stats(), Ledger(), []
    voices = Voices()
    taken = itertools.count()
    addresses_lock = threading.Lock()

    def next_address():
        with addresses_lock:
            return residents.address(next(taken))

    rated_pages = {"articles": seed["articles"][:100], "answers": seed["answers"]}
    try:
        conf = nginx_conf(tmp, env["STATIC_ROOT"], env["MEDIA_ROOT"], PORT, PROXY_PORT)
        proxy = start(
            ["nginx", "-c", str(conf), "-g", "daemon off;"], env, PROXY_PORT, "nginx", tmp
        )  # inside the try: gunicorn is stopped even when nginx does not start
        accounts = seed["accounts"]
        editors = [
            Editor(base, name, accounts[name]["password"], stats)
            for name in ("bientap-a", "bientap-b")
        ]
        moderator = Editor(base, "kiemduyet", accounts["kiemduyet"]["password"], stats)
        started = time.monotonic()
        deadline = started + args.minutes * 60
        residents_from = started + baseline * 60
        log(
            f"{args.minutes:g} min: {args.readers} readers, 2 ward editors, 1 moderator; from "
            f"minute {baseline:g}, {args.residents} residents and {args.hasty} hasty through nginx"
        )
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
        threads += [
            threading.Thread(
                target=residents.resident_loop,
                args=(
                    proxied,
                    rated_pages,
                    stats,
                    voices,
                    residents_from,
                    deadline,
                    i,
                    next_address,
                ),
            )
            for i in range(args.residents)
        ]
        threads += [
            threading.Thread(
                target=residents.hasty_loop,
                args=(
                    proxied,
                    rated_pages,
                    stats,
                    voices,
                    residents_from,
                    deadline,
                    100 + i,
                    f"127.2.0.{i + 1}",
                ),
            )
            for i in range(args.hasty)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        stop(proxy)
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
    after = run_django(env, RESIDENTS_BACK, residents.TITLE_PREFIX)
    voice_problems, ratings_stored = check_residents(voices, after, before["ratings"])

    by_kind = Counter()
    for target, n in voices.ratings.items():
        by_kind[target.rpartition(":")[0]] += n
    reads = sum(stats.by_kind[k] for k in READS)
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)

    def fives(group):
        return sum(n for status, n in stats.by_group[group].items() if status >= 500)

    def too_many(group):
        return stats.by_group[group][429]

    end = started + elapsed
    quiet = reader_figures(stats.reads, started, min(residents_from, end))
    busy = reader_figures(stats.reads, residents_from, end)

    def figures(label, f, span):
        if f[0] is None:
            return f"- readers {label}: no reads"
        return (
            f"- readers {label} ({span:.0f} s): p50 {f[0]:.1f} ms, p99 {f[1]:.1f} ms, "
            f"{f[2]:.1f} pages/s"
        )

    lines = [
        f"# Mixed load {datetime.now():%Y-%m-%d %H:%M} ({os.cpu_count()} cores, loopback, "
        f"gunicorn with production settings and Redis, nginx with deploy/nginx.conf in front "
        f"of the residents)",
        "",
        f"- command: `{' '.join(['bench/mixed_load.py', *sys.argv[1:]])}`",
        f"- duration: {elapsed:.0f} s; {args.readers} reader threads, 2 ward editors, "
        f"1 moderator, all over HTTP to gunicorn; from {baseline * 60:.0f} s on, "
        f"{args.residents} resident threads ({voices.residents} residents, each from its own "
        f"loopback address) and {args.hasty} hasty resident(s) from one address, through nginx",
        f"- requests: {sum(stats.statuses.values())} in all; reads {reads} "
        f"({reads / elapsed:.0f}/s): home {stats.by_kind['home']}, article "
        f"{stats.by_kind['article']}, search {stats.by_kind['search']}; admin "
        f"{stats.by_kind['admin GET']} GET, {stats.by_kind['admin POST']} POST; residents "
        f"{stats.by_kind['resident GET']} GET, {stats.by_kind['resident question']} question "
        f"POST, {stats.by_kind['resident rating']} rating POST",
        figures("without residents", quiet, min(residents_from, end) - started),
        figures("with residents", busy, max(0, end - residents_from)),
        f"- latency of all requests: p50 {percentile(stats.latencies, 50):.1f} ms, "
        f"p99 {percentile(stats.latencies, 99):.1f} ms, mean "
        f"{statistics.fmean(stats.latencies) * 1000:.1f} ms",
        f"- statuses: {dict(sorted(stats.statuses.items()))}; connection errors: "
        f"{dict(stats.errors) or 0}",
        f"- 5xx answers: {server_errors} (readers {fives('readers')}, editors "
        f"{fives('editors')}, residents {fives('residents')})",
        f"- 429 answers: readers {too_many('readers')}, editors {too_many('editors')}, "
        f"residents {too_many('residents')} ({dict(sorted(voices.limited.items())) or 'none'})",
        f"- edits saved: {ledger.saves} on {len(ledger.final)} articles "
        f"({ledger.published} published by the moderator); forms refused: "
        f"{sum(ledger.refusals.values())}",
        f"- lost edits: {len(lost)}; half-saved edits: {len(half)}",
        f"- questions acknowledged with a tracking code: {len(voices.questions)} "
        f"({voices.challenges} after answering the text question); stored: "
        f"{len(after['questions'])}",
        f"- ratings counted: {sum(voices.ratings.values())} on {len(voices.ratings)} pages "
        f"(plus {voices.repeats} told 'already rated today'); stored: {ratings_stored}; "
        f"by kind of page: {dict(sorted(by_kind.items()))}",
        f"- residents' other answers: {dict(sorted(voices.refused.items())) or 'none'}",
        f"- residents' submissions lost or doubled: {sum(len(v) for v in voice_problems.values())}",
    ]
    if stats.server_errors:
        lines += ["", "5xx:", *[f"    {e}" for e in stats.server_errors[:20]]]
    if lost or half:
        lines += ["", f"lost: {lost[:20]}", f"half-saved: {half[:20]}"]
    for problem, items in voice_problems.items():
        lines += ["", f"{problem}: {items[:20]}"]
    ok = not server_errors and not lost and not half and ledger.saves > 0 and not voice_problems
    if with_residents:
        ok = ok and bool(voices.questions) and bool(voices.ratings)
    lines += ["", f"Result: {'PASS' if ok else 'FAIL'}"]
    write_report("\n".join(lines) + "\n", "mixed-load", "mixed-load-latest.md")
    drop_database(DB_NAME)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
