import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a per-test folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from about.menu import forget as forget_menu
    from chaudoc.pagecache import furniture
    from chaudoc.pagecache.pages import _local
    from chaudoc.portals.current import forget

    cache.clear()
    _local.clear()
    furniture.clear()
    forget()
    forget_menu()
    yield
    cache.clear()
    _local.clear()
    furniture.clear()
    forget()
    forget_menu()


@pytest.fixture(autouse=True)
def _vietnamese_first():
    """Each test starts in the default language (a request to /en/ leaves English active)."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture
def run_jobs():
    """The real worker (django-tasks-db's db_worker), run until the queue is empty. It commits
    as it goes, as in production: for tests marked django_db(transaction=True) or live ones."""
    from django.core.management import call_command

    def run():
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )

    return run


@pytest.fixture
def immediate_jobs(settings):
    """Jobs run at once, in the process that queues them (django-tasks' ImmediateBackend), when
    the change that queues them commits: for tests about what a job does rather than about the
    queue (the real queue and worker: `run_jobs`)."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
