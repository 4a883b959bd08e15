import os
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models
from reversion.models import Version

from news.models import Article
from tests.factories import image_upload, make_album, make_article, save_version

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]


def _make(target, settings, **variables):
    db = connection.settings_dict
    # Without the outer make's variables: `make test DATABASE_URL=…` would pass its own
    # DATABASE_URL down through MAKEFLAGS and override the test database's.
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKEOVERRIDES", "MFLAGS"}}
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env["MEDIA_ROOT"] = str(settings.MEDIA_ROOT)
    args = [f"{k}={v}" for k, v in variables.items()]
    return subprocess.run(
        ["make", "-s", target, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _stored_files():
    """Every file any row of any model names (covers, and photos once the gallery has them)."""
    names = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names += [
                    n for n in model._default_manager.values_list(field.attname, flat=True) if n
                ]
    return names


def test_make_backup_then_make_restore_brings_back_every_article_version_and_file(settings):
    from gallery.models import Album, Photo

    album = make_album("Lễ hội Vía Bà Chúa Xứ Núi Sam", photos=2)
    photo_names = sorted(album.photos.values_list("image", flat=True))
    article = make_article(
        "Bản đầu",
        body_vi="<p>Nội dung đầy đủ</p>",
        cover=image_upload("bia.jpg"),
        cover_alt_vi="Ảnh bìa",
    )
    save_version(article, comment="Bản đầu")
    article.title_vi = "Tin phải được sao lưu"
    save_version(article, comment="Sửa tiêu đề")
    versions = list(
        Version.objects.get_for_object(article).values_list("serialized_data", flat=True)
    )
    files = _stored_files()
    assert len(versions) == 2 and files
    cover_path = settings.MEDIA_ROOT / article.cover.name
    connection.close()
    backup = _make("backup", settings)
    assert backup.returncode == 0, backup.stderr
    archive = backup.stdout.strip().split("Backup written: ")[-1]

    # Disaster: the rows, their history and the files are gone.
    Version.objects.all().delete()
    Article.objects.all().delete()
    Album.objects.all().delete()
    for name in files:
        (settings.MEDIA_ROOT / name).unlink(missing_ok=True)  # deleting a photo removes its file
    connection.close()
    restore = _make("restore", settings, FILE=archive, CONFIRM="yes")
    assert restore.returncode == 0, restore.stderr
    Path(archive).unlink()

    restored = Article.objects.get(slug=article.slug)
    assert restored.title_vi == "Tin phải được sao lưu"
    assert restored.body_vi == "<p>Nội dung đầy đủ</p>"
    assert cover_path.read_bytes()[:2] == b"\xff\xd8"
    restored_versions = Version.objects.get_for_object(restored)
    assert list(restored_versions.values_list("serialized_data", flat=True)) == versions
    assert [v.revision.comment for v in restored_versions.order_by("pk")] == [
        "Bản đầu",
        "Sửa tiêu đề",
    ]
    restored_album = Album.objects.get(slug=album.slug)
    assert sorted(Photo.objects.filter(album=restored_album).values_list("image", flat=True)) == (
        photo_names
    )
    assert all((settings.MEDIA_ROOT / name).read_bytes()[:2] == b"\xff\xd8" for name in photo_names)
    assert sorted(_stored_files()) == sorted(files)
    assert all((settings.MEDIA_ROOT / name).is_file() for name in files)


def test_restore_without_a_file_explains_itself(settings):
    result = _make("restore", settings)
    assert result.returncode != 0
    assert "usage: make restore FILE=" in result.stdout + result.stderr
