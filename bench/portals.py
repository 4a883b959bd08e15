"""The 100-portal database of bench/run: the demo, then ward portals up to `portals` in all,
each with the demo's categories and seven wards, and `articles` published articles spread
evenly over them (rows only, with their search documents, as load_demo --articles makes them).
The measured portal answers on 127.0.0.1; its ward editor and the one-portal database's get a
signed-in session for the admin's list.

Run by bench/bench.py through run_django: `seed(portals, articles)` prints nothing and returns
what the benchmark needs (JSON-serialisable)."""

from datetime import timedelta

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

from chaudoc.demo.content import WARDS
from chaudoc.portals.models import Portal, PortalHost
from chaudoc.publishing.states import Status
from chaudoc.search.engine import add_words, document_fields, fill_documents, refresh_vectors
from chaudoc.text import slugify
from chaudoc.wards.models import Ward
from chaudoc.wards.roles import WARD_EDITOR
from news.demo import CATEGORIES, SYNTHETIC_PARAGRAPHS, SYNTHETIC_SUBJECTS
from news.models import Article, Category

MEASURED = "127.0.0.1"
BATCH = 20_000


def editor_session(user):
    """A signed-in session of `user` (the bench's client sends its cookie)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def one_portal_session():
    """The one-portal database: a session of demo-bientap (ward editor of Châu Phú A)."""
    return editor_session(get_user_model().objects.get(username="demo-bientap"))


def _portal(n):
    name = f"Phường mẫu {n:03d}"
    portal = Portal.objects.create(
        short_name_vi=name,
        name_vi=f"Trang thông tin điện tử phường mẫu {n:03d}",
        governing_body_vi=f"UBND phường mẫu {n:03d}",
        banner_vi=f"Chào mừng đến với Trang thông tin điện tử phường mẫu {n:03d}",
        kind=Portal.Kind.WARD,
    )
    PortalHost.objects.create(portal=portal, host=f"p{n:03d}.bench.localhost", is_canonical=True)
    return portal


def _content(portal):
    categories = [
        Category.objects.create(portal=portal, name_vi=vi, name_en=en, order=n, show_on_home=home)
        for n, (vi, en, home) in enumerate(CATEGORIES, start=1)
    ]
    wards = [
        Ward.objects.create(portal=portal, name=f"{name} ({portal.slug})", kind=kind)
        for kind, name in WARDS
    ]
    return categories, wards


def _articles(portal, categories, wards, count, offset, now):
    rows = []
    for i in range(1, count + 1):
        n = offset + i
        ward = wards[i % len(wards)]
        subject = SYNTHETIC_SUBJECTS[i % len(SYNTHETIC_SUBJECTS)]
        paragraph = SYNTHETIC_PARAGRAPHS[i % len(SYNTHETIC_PARAGRAPHS)]
        title = f"{portal.short_name_vi} {subject} (tin mẫu số {n})"
        rows.append(
            Article(
                portal=portal,
                title_vi=title,
                slug=f"p-{n}-{slugify(title, 150)}",
                lead_vi=f"{ward.name} {subject}. {paragraph}",
                body_vi="".join(f"<p>{p}</p>" for p in SYNTHETIC_PARAGRAPHS),
                category=categories[i % len(categories)],
                ward=ward if i % 4 else None,
                status=Status.PUBLISHED,
                published_at=now - timedelta(hours=i, seconds=n % 3600),
            )
        )
    for row in rows:
        fill_documents(row)
    return rows


def seed(portals=100, articles=200_000):
    """(the measured portal's editor session, its article and category paths)."""
    live = list(Portal.objects.filter(dissolved_on__isnull=True))
    made = [_portal(n) for n in range(len(live) + 1, portals + 1)]
    everyone = [p for p in live if p.kind != Portal.Kind.PROVINCE] + made
    measured = made[len(made) // 2]
    PortalHost.objects.filter(host=MEASURED).update(portal=measured, is_canonical=False)
    per_portal = articles // len(everyone)
    now = timezone.now().replace(microsecond=0)
    pending = []
    for k, portal in enumerate(everyone):
        categories, wards = _content(portal)
        if portal == measured:
            measured_wards = wards
        pending += _articles(portal, categories, wards, per_portal, k * per_portal, now)
        if len(pending) >= BATCH:
            _write(pending)
            pending = []
    _write(pending)
    refresh_vectors(Article.objects.filter(search_vector_vi__isnull=True))
    editor = get_user_model().objects.create_user("bench-bientap", is_staff=True)
    editor.groups.add(Group.objects.get(name=WARD_EDITOR))
    measured_wards[1].editors.add(editor)
    return {"session": editor_session(editor), "portals": len(everyone) + 1}


def _write(rows):
    Article.objects.bulk_create(rows, batch_size=2000)
    add_words(text for row in rows for text in (getattr(row, f) for f in document_fields()))
