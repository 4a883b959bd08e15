import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from news.models import Article
from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _make(target, settings, **variables):
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    args = [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(["make", "-s", target, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_make_backup_then_make_restore_brings_back_every_article_and_file(settings):
    article = make_article("Tin phải được sao lưu", body_vi="<p>Nội dung đầy đủ</p>",
                           cover=image_upload("bia.jpg"), cover_alt_vi="Ảnh bìa")
    cover_path = settings.MEDIA_ROOT / article.cover.name
    connection.close()
    backup = _make("backup", settings)
    assert backup.returncode == 0, backup.stderr
    archive = backup.stdout.strip().split("Backup written: ")[-1]

    # Disaster: the row and the file are gone.
    Article.objects.all().delete()
    cover_path.unlink()
    connection.close()
    restore = _make("restore", settings, FILE=archive, CONFIRM="yes")
    assert restore.returncode == 0, restore.stderr
    Path(archive).unlink()

    restored = Article.objects.get(slug=article.slug)
    assert restored.title_vi == "Tin phải được sao lưu"
    assert restored.body_vi == "<p>Nội dung đầy đủ</p>"
    assert cover_path.read_bytes()[:2] == b"\xff\xd8"


def test_restore_without_a_file_explains_itself(settings):
    result = _make("restore", settings)
    assert result.returncode != 0
    assert "usage: make restore FILE=" in result.stdout + result.stderr
