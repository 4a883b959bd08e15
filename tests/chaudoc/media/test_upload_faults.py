"""A full disk or an unwritable media folder on upload: a clear Vietnamese message, and what
the editor typed is saved (an article without its new cover; an edited one keeps its old)."""

import errno
import json
import os

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from news.models import Article
from tests.factories import image_upload, make_article, make_category, make_editor, make_ward

pytestmark = pytest.mark.django_db

NOT_STORED = "Không lưu được ảnh: ổ đĩa của máy chủ đã đầy hoặc thư mục ảnh không ghi được."
TRY_AGAIN = "Hãy thử lại sau hoặc báo cho quản trị viên."


class FullDiskStorage(FileSystemStorage):
    """The media folder on a disk that fills up during the write: part of the file is written,
    then the operating system answers ENOSPC, as it does on a full disk."""

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(content.read(10))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


@pytest.fixture
def full_disk(settings):
    """The default storage on the full disk, for the models and for django-ckeditor (which
    keeps its own lazy DefaultStorage: it is emptied on the way in and on the way out)."""
    from ckeditor_uploader.utils import storage as editor_storage
    from django.utils.functional import empty

    original = settings.STORAGES
    settings.STORAGES = {
        **original,
        "default": {"BACKEND": "tests.chaudoc.media.test_upload_faults.FullDiskStorage"},
    }
    editor_storage._wrapped = empty
    yield
    settings.STORAGES = original
    editor_storage._wrapped = empty


@pytest.fixture
def unwritable_media(settings):
    """A file where the covers/ and editor/ folders should be: every write under them fails
    with a real OSError, for root as for anyone (chmod does not stop root)."""
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    for folder in ("covers", "editor"):
        (settings.MEDIA_ROOT / folder).write_text("not a folder")


@pytest.fixture
def editor(client):
    ward = make_ward("Núi Sam")
    user = make_editor("bientapvien", ward)
    client.force_login(user)
    return user


def _article_form(ward, **overrides):
    data = {
        "title_vi": "Khánh thành cầu Cồn Tiên",
        "title_en": "",
        "slug": "",
        "lead_vi": "Cây cầu nối Châu Đốc với cù lao Cồn Tiên.",
        "lead_en": "",
        "body_vi": "<p>Nội dung bài viết đầy đủ.</p>",
        "body_en": "",
        "cover_alt_vi": "Toàn cảnh cây cầu",
        "cover_alt_en": "",
        "category": make_category("Tin tức").pk,
        "ward": ward.pk,
        "cover": image_upload("cau.jpg"),
    }
    data.update(overrides)
    return data


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("fault", ["full_disk", "unwritable_media"])
def test_a_new_article_is_saved_without_the_cover_that_could_not_be_written(
    client, editor, settings, fault, request
):
    request.getfixturevalue(fault)
    response = client.post(
        reverse("admin:news_article_add"), _article_form(editor.wards.get()), follow=True
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.title_vi == "Khánh thành cầu Cồn Tiên"
    assert article.body_vi == "<p>Nội dung bài viết đầy đủ.</p>"
    assert not article.cover and article.cover_width is None
    assert any(NOT_STORED in m and "ảnh bìa" in m for m in _messages(response))
    assert NOT_STORED in response.content.decode()
    leftovers = [p for p in settings.MEDIA_ROOT.rglob("*.jpg")]
    assert leftovers == []  # no half-written file left behind


def test_an_edited_article_keeps_its_old_cover_and_gets_its_new_text(client, editor, request):
    article = make_article(
        "Tiêu đề cũ",
        status="draft",
        ward=editor.wards.get(),
        author=editor,
        cover=image_upload("cu.jpg", size=(120, 80)),
        cover_alt_vi="Ảnh cũ",
    )
    old_cover = article.cover.name
    request.getfixturevalue("full_disk")
    data = _article_form(
        editor.wards.get(),
        title_vi="Tiêu đề mới",
        slug=article.slug,
        category=article.category_id,
        cover=image_upload("moi.jpg", size=(64, 48)),
    )
    response = client.post(reverse("admin:news_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_vi == "Tiêu đề mới"
    assert article.cover.name == old_cover
    assert (article.cover_width, article.cover_height) == (120, 80)
    assert any(NOT_STORED in m for m in _messages(response))


@pytest.mark.parametrize("fault", ["full_disk", "unwritable_media"])
def test_an_editor_upload_that_cannot_be_written_gets_a_clear_answer(
    client, editor, fault, request
):
    request.getfixturevalue(fault)
    response = client.post(
        "/ckeditor/upload/", {"upload": image_upload()}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 507
    assert response.json() == {"uploaded": 0, "error": {"message": f"{NOT_STORED} {TRY_AGAIN}"}}
    # CKEditor's image dialog (an iframe) gets the same message through its callback.
    dialog = client.post(
        "/ckeditor/upload/?CKEditorFuncNum=3",
        {"upload": image_upload()},
        HTTP_ORIGIN="http://testserver",
    )
    assert dialog.status_code == 507
    assert json.dumps(f"{NOT_STORED} {TRY_AGAIN}") in dialog.content.decode()


def test_a_cover_rendition_that_cannot_be_written_does_not_undo_the_save(client, editor, settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / settings.IMAGEKIT_CACHEFILE_DIR.split("/")[0]).write_text("not a folder")
    response = client.post(reverse("admin:news_article_add"), _article_form(editor.wards.get()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover  # the cover itself was stored
    assert not (settings.MEDIA_ROOT / article.cover_og.name).exists()


@pytest.mark.parametrize("fault", ["full_disk", "unwritable_media"])
def test_an_album_is_saved_without_the_photos_that_could_not_be_written(
    client, editor, settings, fault, request
):
    from gallery.models import Album, Photo
    from tests.gallery.test_uploads import album_form

    request.getfixturevalue(fault)
    if fault == "unwritable_media":
        (settings.MEDIA_ROOT / "photos").write_text("not a folder")
    album = Album(title_vi="Lễ hội Vía Bà Chúa Xứ", ward=editor.wards.get())
    data = album_form(
        album,
        slug="",
        description_vi="Mô tả do biên tập viên gõ.",
        upload_photos=[image_upload(f"Ảnh {n}.jpg") for n in range(3)],
    )
    response = client.post(reverse("admin:gallery_album_add"), data, follow=True)
    assert response.status_code == 200
    saved = Album.objects.get()
    assert (saved.title_vi, saved.description_vi) == (
        "Lễ hội Vía Bà Chúa Xứ",
        "Mô tả do biên tập viên gõ.",
    )
    assert Photo.objects.count() == 0
    assert any(NOT_STORED in m and "album" in m for m in _messages(response))
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file() and p.suffix != ""] == []
