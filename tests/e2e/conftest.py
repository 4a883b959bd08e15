"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import modify_settings, override_settings
from pytest_django.live_server_helper import LiveServer

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            if not Path(CHROMIUM).exists():
                # Under CI nothing may be skipped for a missing tool (make test installs it).
                if os.environ.get("CI") == "true":
                    raise pytest.UsageError(f"{CHROMIUM} is missing: CI must install it.")
                item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is not installed"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture
def shot(request):
    """shot(page, "name") saves a full-page PNG under test-artifacts/<test name>/."""
    folder = ARTIFACTS / request.node.name.replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_url(live_server):
    return live_server.url


@contextmanager
def shared_demo(django_db_blocker, media_root, prepare=None, run_jobs=False, **overrides):
    """The demo portal loaded once, committed, for a module of tests that only read it, served by
    a live server of its own: yields its URL. Afterwards the database holds again only what the
    migrations wrote (see restore).

    A module using it: a module-scoped `demo` fixture entering it, `live_url` taken from it (not
    pytest-django's `live_server`, which flushes the database after every test) and the
    per-test `_media_in_tmp` replaced, so that the demo's files stay in `media_root`; and
    `pytest.mark.django_db` (the test database is set up for it; a test's own writes are rolled
    back) and `pytest.mark.xdist_group(__name__)`, so that one worker loads it once."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root, **overrides):
        seeded = connection.creation.serialize_db_to_string()  # what the migrations wrote
        try:
            call_command("load_demo", articles=12, verbosity=0)
            if prepare is not None:
                prepare()  # what the module adds to the demo, committed with it
            if run_jobs:  # the demo's jobs, as `make run` runs them: the articles' audio
                call_command(
                    "db_worker", batch=True, reload=False, startup_delay=False, verbosity=0
                )
            server = LiveServer("localhost")
            try:
                with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
                    yield server.url
            finally:
                server.stop()
        finally:
            restore(seeded)


def restore(seeded):
    """Empty the database, then put back what the migrations had written (the seeded menu,
    abbreviations, permissions: the rows every later test on this worker expects), as Django's
    `serialized_rollback` does, with the sequences moved past the restored rows."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(seeded)
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def shared_demo_fixtures(prepare=None, run_jobs=False, **overrides):
    """The fixtures of a module whose tests only read the demo (see shared_demo):

    pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]
    demo, live_url, _media_in_tmp = shared_demo_fixtures(DEBUG=False)
    """

    @pytest.fixture(scope="module")
    def demo(django_db_setup, django_db_blocker, tmp_path_factory):
        media = tmp_path_factory.mktemp("media")
        with shared_demo(django_db_blocker, media, prepare, run_jobs, **overrides) as url:
            yield url

    @pytest.fixture
    def live_url(demo):
        return demo

    @pytest.fixture(autouse=True)
    def _media_in_tmp():
        """The demo's files stay in the folder it was loaded into (see shared_demo)."""

    return demo, live_url, _media_in_tmp
