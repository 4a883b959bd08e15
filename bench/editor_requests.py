"""Time an editor's requests with their side work inside the request and handed to jobs (a script).

    .venv/bin/python bench/editor_requests.py [--rounds 5] [--photos 10] [--size 4000x3000]

One process, the portal's own admin views through Django's test client, on a scratch
PostgreSQL test database (`test_bench_editor`, made and dropped here; BENCH_PG as in bench/run),
mail sent over SMTP to a sink on loopback (a real server on the network would be slower, so the
in-request figures are a floor). Each round runs every request in both modes, alternately, in the
same run:

- "in request": django-tasks' ImmediateBackend, the jobs run when the request's transaction
  commits, inside the request: what the portal did before (mail sent and renditions made in it);
- "queued": the database backend, as in production: the request only writes the jobs' rows.

Requests: a ward editor submits an article (two moderators are mailed), a moderator publishes it
(the author is mailed), and a ward editor uploads an album of N camera-sized JPEGs. The
read-aloud job is disconnected for both modes (it never ran in a request). Also timed: the
worker running what one queued round left. Prints medians (wall and this process's CPU) and
writes bench/results/editor-requests-latest.md.
"""

import argparse
import logging
import os
import socketserver
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")

IMMEDIATE = {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
DATABASE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
MODES = {"in request": IMMEDIATE, "queued": DATABASE}


class SMTPSink(socketserver.StreamRequestHandler):
    """Just enough SMTP for smtplib: every message is accepted and dropped."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.wfile.write(b"250 ok\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def start_sink():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPSink)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def draw_photos(folder, count, size):
    from import_photos import make_photos

    return [p.read_bytes() for p in make_photos(folder, count, size)]


def timed(func):
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    return time.perf_counter() - wall, time.process_time() - cpu, result


class Bench:
    def __init__(self, photos):
        from django.contrib.auth.models import Group
        from django.test import Client

        from chaudoc.wards.models import Ward
        from chaudoc.wards.roles import MODERATOR, WARD_EDITOR, setup_roles
        from news.models import Category

        setup_roles()
        User = __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()
        self.ward = Ward.objects.create(name="Châu Phú A", kind="phuong")
        self.category = Category.objects.create(name_vi="Tin tức")
        self.editor = User.objects.create_user("bientap", "bientap@example.vn", is_staff=True)
        self.editor.groups.add(Group.objects.get(name=WARD_EDITOR))
        self.ward.editors.add(self.editor)
        self.moderators = []
        for n in (1, 2):
            user = User.objects.create_user(f"kiemduyet{n}", f"kd{n}@example.vn", is_staff=True)
            user.groups.add(Group.objects.get(name=MODERATOR))
            self.moderators.append(user)
        self.as_editor, self.as_moderator = Client(), Client()
        self.as_editor.force_login(self.editor)
        self.as_moderator.force_login(self.moderators[0])
        self.photos = photos
        self.n = 0

    def article(self):
        from news.models import Article

        self.n += 1
        return Article.objects.create(
            title_vi=f"Bài thử số {self.n}",
            lead_vi="Tóm tắt.",
            body_vi="<p>Nội dung.</p>",
            category=self.category,
            ward=self.ward,
            author=self.editor,
        )

    def workflow(self, client, article, action):
        from django.urls import reverse

        url = reverse("admin:news_article_workflow", args=[article.pk, action])
        response = client.post(url, {})
        assert response.status_code == 302, response.status_code
        return response

    def album_upload(self):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.urls import reverse

        from gallery.models import Album

        self.n += 1
        album = Album.objects.create(title_vi=f"Album thử {self.n}", ward=self.ward)
        files = [
            SimpleUploadedFile(f"IMG_{i:04d}.jpg", data, content_type="image/jpeg")
            for i, data in enumerate(self.photos)
        ]
        data = {
            "title_vi": album.title_vi,
            "slug": album.slug,
            "event_date": "20/11/2026",
            "ward": self.ward.pk,
            "upload_photos": files,
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
        }
        url = reverse("admin:gallery_album_change", args=[album.pk])
        return lambda: self._check(self.as_editor.post(url, data), album)

    def _check(self, response, album):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert album.photos.count() == len(self.photos)

    def round(self, mode):
        from django.core.management import call_command
        from django.test import override_settings

        from chaudoc.publishing.workflow import Action

        figures = {}
        with override_settings(TASKS={"default": MODES[mode]}):
            article = self.article()
            figures["submit"] = timed(lambda: self.workflow(self.as_editor, article, Action.SUBMIT))
            figures["publish"] = timed(
                lambda: self.workflow(self.as_moderator, article, Action.APPROVE)
            )
            figures["album"] = timed(self.album_upload())
            if mode == "queued":
                figures["worker"] = timed(
                    lambda: call_command(
                        "db_worker", batch=True, reload=False, startup_delay=False, verbosity=0
                    )
                )
        return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--photos", type=int, default=10)
    parser.add_argument("--size", default="4000x3000")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="chaudoc.settings.development",
        DATABASE_URL=f"{PG}/bench_editor",
        MEDIA_ROOT=str(tmp / "media"),
        DB_CONN_MAX_AGE="0",
    )
    photos = draw_photos(ROOT / "bench" / ".photos" / args.size, args.photos, size)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.db.models.signals import post_save
    from django.test.utils import setup_test_environment

    from news.models import Article

    setup_test_environment()
    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.OTP_REQUIRED_FOR_MODERATORS = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", start_sink()
    post_save.disconnect(sender=Article, dispatch_uid="readaloud:article_saved")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        bench = Bench(photos)
        results = {mode: [] for mode in MODES}
        for n in range(args.rounds):
            for mode in MODES if n % 2 == 0 else reversed(list(MODES)):
                results[mode].append(bench.round(mode))
            sys.stderr.write(f"[editor] round {n + 1}/{args.rounds} done\n")
    finally:
        connection.creation.destroy_test_db("test_bench_editor", verbosity=0)
    report(results, args)


def report(results, args):
    rows = []
    for key, label in [
        ("submit", "submit an article (2 moderators mailed)"),
        ("publish", "publish it (the author mailed)"),
        ("album", f"upload an album of {args.photos} JPEGs of {args.size}"),
        ("worker", "worker: what one queued round left"),
    ]:
        cells = []
        for mode in MODES:
            runs = [r[key] for r in results[mode] if key in r]
            if not runs:
                cells.append("—")
                continue
            wall = statistics.median(w for w, _, _ in runs) * 1000
            cpu = statistics.median(c for _, c, _ in runs) * 1000
            cells.append(f"{wall:,.0f} ms wall, {cpu:,.0f} ms CPU")
        rows.append(f"| {label} | {cells[0]} | {cells[1]} |")
    text = "\n".join(
        [
            f"# Editor's requests, {datetime.now():%Y-%m-%d %H:%M}, "
            f"median of {args.rounds} rounds ({os.cpu_count()} cores)",
            "",
            "| request | jobs in the request (before) | jobs queued (now) |",
            "| --- | --- | --- |",
            *rows,
            "",
        ]
    )
    sys.stdout.write(text)
    (ROOT / "bench" / "results" / "editor-requests-latest.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
