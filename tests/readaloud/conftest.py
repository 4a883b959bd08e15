import pytest
from django.core.management import call_command


@pytest.fixture
def run_jobs():
    """The real worker (django-tasks-db's db_worker), run until the queue is empty."""

    def run():
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )

    return run
