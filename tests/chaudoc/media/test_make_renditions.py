"""One image pipeline: covers get the photos' renditions, made by the same code on save, and
manage.py make_renditions makes those missing (covers stored before, a write that failed)."""

from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from PIL import Image

from chaudoc.media.images import OG_SIZE, RENDITION_WIDTHS, renditions_at_once
from gallery.models import Photo
from news.models import Article
from tests.factories import image_bytes, image_upload, make_album, make_article

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("make_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def legacy_cover(title="Bài cũ", size=(1600, 1000)):
    """An article whose cover was stored before covers had these renditions: the file is
    there, its rows say so, and no rendition of the current pipeline exists."""
    article = make_article(title)
    name = default_storage.save("covers/2024/05/cu.jpg", ContentFile(image_bytes(size=size)))
    Article.objects.filter(pk=article.pk).update(
        cover=name, cover_width=size[0], cover_height=size[1], cover_alt_vi="Ảnh cũ"
    )
    return Article.objects.get(pk=article.pk)


def existing(renditions):
    return [f.name for f in renditions.files() if default_storage.exists(f.name)]


def test_a_cover_and_a_photo_of_the_same_picture_get_the_same_rendition_files(settings):
    data = image_bytes(size=(1200, 900))
    article = make_article(cover=ContentFile(data, name="a.jpg"), cover_alt_vi="Ảnh")
    with renditions_at_once():
        photo = Photo.from_upload(make_album(status="draft"), ContentFile(data, name="a.jpg"))
    for fmt in ("webp", "jpeg"):
        for width in RENDITION_WIDTHS:
            cover = getattr(article, f"cover_{fmt}_{width}")
            same = getattr(photo, f"{fmt}_{width}")
            with default_storage.open(cover.name) as a, default_storage.open(same.name) as b:
                assert a.read() == b.read(), (fmt, width)


def test_a_new_cover_gets_its_renditions_from_a_job_once_the_article_is_saved(
    settings, immediate_jobs, django_capture_on_commit_callbacks
):
    article = make_article(cover=image_upload("mot.jpg", size=(900, 600)), cover_alt_vi="Một")
    first = existing(article.cover_renditions)
    assert len(first) == 2 * len(RENDITION_WIDTHS) + 1  # every width in both formats, and OG
    article.cover = image_upload("hai.jpg", size=(900, 600))
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    second = existing(article.cover_renditions)
    assert len(second) == len(first) and not set(second) & set(first)


def test_make_renditions_fills_those_of_covers_stored_before_and_is_idempotent(settings):
    article = legacy_cover()
    assert existing(article.cover_renditions) == []
    out, _ = run()
    assert "Made 11 missing renditions." in out
    assert len(existing(article.cover_renditions)) == 11
    with default_storage.open(article.cover_webp_480.name) as stored, Image.open(stored) as img:
        assert img.format == "WEBP" and img.size == (480, 300)
    with default_storage.open(article.cover_og.name) as stored, Image.open(stored) as img:
        assert img.format == "JPEG" and img.size == OG_SIZE
    before = {
        name: default_storage.get_modified_time(name) for name in existing(article.cover_renditions)
    }
    out, _ = run()
    assert "Made 0 missing renditions." in out
    assert {n: default_storage.get_modified_time(n) for n in before} == before


def test_make_renditions_remakes_a_photo_rendition_deleted_from_the_storage(
    settings,
):
    album = make_album(status="draft", photos=1)
    photo = album.photos.get()
    gone = photo.webp_640.name
    default_storage.delete(gone)
    out, _ = run("gallery.Photo")
    assert "Made 1 missing renditions." in out
    assert default_storage.exists(gone)


def test_make_renditions_dry_run_counts_and_makes_nothing(settings):
    article = legacy_cover()
    out, _ = run("--dry-run")
    assert "Would make 11 missing renditions." in out
    assert existing(article.cover_renditions) == []


def test_make_renditions_refuses_a_model_without_renditions_and_makes_nothing(settings):
    article = legacy_cover()
    with pytest.raises(CommandError, match="No renditions on news.Category.*gallery.Photo"):
        run("news.Category")
    assert existing(article.cover_renditions) == []


def test_make_renditions_reports_missing_and_unreadable_images_and_makes_the_rest(settings):
    readable = legacy_cover("Đọc được")
    missing = legacy_cover("Mất tệp")
    default_storage.delete(missing.cover.name)
    broken = make_article("Hỏng")
    name = default_storage.save("covers/2024/05/hong.jpg", ContentFile(b"not a picture"))
    Article.objects.filter(pk=broken.pk).update(cover=name, cover_width=10, cover_height=10)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="11 renditions could not be made"):
        call_command("make_renditions", "news.Article", stdout=out, stderr=err)
    assert f"news.Article {missing.pk}: {missing.cover.name} is missing." in err.getvalue()
    assert "1 images are missing from the storage." in out.getvalue()
    assert len(existing(readable.cover_renditions)) == 11
    assert len(existing(Article.objects.get(pk=broken.pk).cover_renditions)) == 0


def test_a_cover_stored_before_cleaning_gets_upright_renditions(settings):
    from tests.factories import jpeg_with_exif

    article = make_article("Ảnh điện thoại cũ")
    name = default_storage.save("covers/2023/01/dung.jpg", ContentFile(jpeg_with_exif()))
    # Stored as the phone wrote it: 120x80 pixels, EXIF orientation 6 (turn to stand up).
    Article.objects.filter(pk=article.pk).update(cover=name, cover_width=120, cover_height=80)
    run("news.Article")
    article = Article.objects.get(pk=article.pk)
    for attname in ("cover_webp_320", "cover_jpeg_320"):
        with default_storage.open(getattr(article, attname).name) as stored:
            with Image.open(stored) as img:
                assert img.size == (80, 120), attname
                assert img.convert("RGB").getpixel((40, 10))[0] > 150  # red half on top
