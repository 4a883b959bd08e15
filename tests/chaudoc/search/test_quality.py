"""The judged query set (tests/search_judged.py) as a floor: a change that lowers the search's
quality on it fails, on PostgreSQL (the suite's database) and on SQLite (`make run`)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.search_judged import FLOORS, JUDGED, below_floors, evaluate, load_corpus

ROOT = Path(__file__).resolve().parents[3]


def test_the_judged_set_is_large_enough_and_covers_every_kind():
    assert len(JUDGED) >= 40
    assert {kind for kind, _, _ in JUDGED} <= set(FLOORS)


@pytest.mark.django_db
def test_quality_stays_above_its_floors_on_postgresql():
    figures = evaluate(load_corpus())
    assert below_floors(figures, FLOORS) == []
    assert figures["typed with tone marks"][1] >= 0.9  # the acceptance line


@pytest.mark.django_db
def test_the_search_before_two_tiers_was_below_the_floors():
    """The baseline is the old ranking; were it as good, the floors would measure nothing."""
    before = evaluate(load_corpus(), baseline=True)
    assert below_floors(before, FLOORS)
    assert before["typed with tone marks"][1] < 0.9


def test_quality_stays_above_its_floors_on_sqlite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DATABASE_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "chaudoc.settings.development"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "search_quality.py"),
            "--database",
            f"sqlite:///{tmp_path / 'quality.sqlite3'}",
            "--check",
            "--quiet",
            "--no-write",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
