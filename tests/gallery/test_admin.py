"""Albums in the admin: the articles' workflow and ward scope, many files at once, photo order,
versions and the page cache."""

import pytest
from django.urls import reverse
from reversion.models import Version

from chaudoc.publishing import workflow
from chaudoc.publishing.states import Status
from chaudoc.publishing.workflow import Action
from gallery.models import Album, Photo
from tests.factories import image_upload, make_album
from tests.gallery.test_uploads import album_form

pytestmark = pytest.mark.django_db


def change_url(album):
    return reverse("admin:gallery_album_change", args=[album.pk])


def test_ward_editor_creates_an_album_with_many_photos_at_once(client, settings, ward_a, editor_a):
    client.force_login(editor_a)
    files = [image_upload(f"Ảnh lễ trao quà {n}.jpg", size=(300, 200)) for n in range(1, 6)]
    data = album_form(
        Album(title_vi="Lễ trao quà", ward=ward_a),
        slug="",
        upload_photos=files,
        photo_credit="Phòng Văn hóa",
    )
    response = client.post(reverse("admin:gallery_album_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    album = Album.objects.get()
    assert (album.slug, album.status, album.author) == ("le-trao-qua", Status.DRAFT, editor_a)
    photos = list(album.photos.all())
    assert [p.original_name for p in photos] == [f"Ảnh lễ trao quà {n}.jpg" for n in range(1, 6)]
    assert [p.order for p in photos] == [1, 2, 3, 4, 5]
    assert {p.credit for p in photos} == {"Phòng Văn hóa"}
    assert album.cover == photos[0]


def test_album_slug_is_vietnamese_correct():
    album = make_album("Đoàn thanh niên Châu Đốc dọn vệ sinh")
    assert album.slug == "doan-thanh-nien-chau-doc-don-ve-sinh"


def test_photo_order_and_captions_are_edited_on_the_album_page(client, moderator):
    album = make_album("Album", status=Status.DRAFT, photos=3)
    photos = list(album.photos.all())
    client.force_login(moderator)
    data = album_form(album, published_at_0="20/11/2026", published_at_1="08:00:00")
    data.update({"photos-TOTAL_FORMS": "3", "photos-INITIAL_FORMS": "3"})
    for i, (photo, order) in enumerate(zip(photos, [3, 1, 2], strict=True)):
        data.update(
            {
                f"photos-{i}-id": photo.pk,
                f"photos-{i}-album": album.pk,
                f"photos-{i}-order": order,
                f"photos-{i}-caption_vi": f"Chú thích {i}",
                f"photos-{i}-caption_en": "",
                f"photos-{i}-alt_text_vi": "",
                f"photos-{i}-alt_text_en": "",
                f"photos-{i}-credit": "",
                f"photos-{i}-taken_at_0": "",
                f"photos-{i}-taken_at_1": "",
            }
        )
    response = client.post(change_url(album), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    reordered = list(album.photos.all())
    assert reordered == [photos[1], photos[2], photos[0]]
    assert reordered[0].caption_vi == "Chú thích 1"


def test_change_page_offers_the_drop_zone_and_drag_ordering(client, moderator):
    album = make_album("Album", status=Status.DRAFT, photos=1)
    client.force_login(moderator)
    html = client.get(change_url(album)).content.decode()
    assert 'type="file" name="upload_photos"' in html and "multiple" in html
    assert "gallery/admin.js" in html and 'name="photos-0-order"' in html


def test_editor_cannot_publish_and_moderator_publishes(client, ward_a, editor_a, moderator):
    album = make_album("Album của phường", status=Status.DRAFT, ward=ward_a, photos=1)
    assert workflow.available(editor_a, album) == [Action.SUBMIT, Action.TRASH]
    workflow.perform(editor_a, album, Action.SUBMIT)
    assert not workflow.allowed(editor_a, album, Action.APPROVE)
    client.force_login(editor_a)
    response = client.post(reverse("admin:gallery_album_workflow", args=[album.pk, "approve"]))
    assert response.status_code == 403
    client.force_login(moderator)
    response = client.post(reverse("admin:gallery_album_workflow", args=[album.pk, "approve"]))
    assert response.status_code == 302
    album.refresh_from_db()
    assert album.status == Status.PUBLISHED
    assert client.get(album.get_absolute_url()).status_code == 200


def test_published_album_is_read_only_for_its_ward_editor(client, ward_a, editor_a):
    album = make_album("Đã đăng", ward=ward_a, photos=1)
    client.force_login(editor_a)
    html = client.get(change_url(album)).content.decode()
    assert 'name="upload_photos"' not in html and 'name="title_vi"' not in html
    response = client.post(change_url(album), album_form(album, upload_photos=[image_upload()]))
    assert response.status_code == 403
    assert album.photos.count() == 1


def test_editor_never_reaches_another_wards_album(client, ward_a, ward_b, editor_b):
    album = make_album("Album phường A", status=Status.DRAFT, ward=ward_a)
    client.force_login(editor_b)
    assert client.get(change_url(album)).status_code == 404
    listing = client.get(reverse("admin:gallery_album_changelist")).content.decode()
    assert "Album phường A" not in listing
    response = client.post(
        reverse("admin:gallery_album_add"),
        album_form(Album(title_vi="Lấn sân", ward=ward_a), slug=""),
    )
    assert response.status_code == 200 and not Album.objects.filter(title_vi="Lấn sân").exists()


def test_cover_must_be_one_of_the_albums_photos(client, moderator):
    album = make_album("Album", status=Status.DRAFT, photos=1)
    other = make_album("Khác", status=Status.DRAFT, photos=1)
    client.force_login(moderator)
    response = client.post(
        change_url(album),
        album_form(
            album,
            cover=other.photos.get().pk,
            published_at_0="20/11/2026",
            published_at_1="08:00:00",
        ),
    )
    assert response.status_code == 200
    album.refresh_from_db()
    assert album.cover == album.photos.get()


def test_every_admin_save_is_a_version(client, moderator):
    album = make_album("Album", status=Status.DRAFT)
    client.force_login(moderator)
    for title in ("Tên mới", "Tên mới hơn"):
        response = client.post(
            change_url(album),
            album_form(
                album, title_vi=title, published_at_0="20/11/2026", published_at_1="08:00:00"
            ),
        )
        assert response.status_code == 302
    versions = Version.objects.get_for_object(album)
    assert [v.field_dict["title_vi"] for v in versions] == ["Tên mới hơn", "Tên mới"]


def test_album_changes_invalidate_the_cached_pages(client):
    album = make_album("Tên cũ", photos=1)
    assert "Tên cũ" in client.get("/hinh-anh/").content.decode()
    album.title_vi = "Tên mới"
    album.save()
    assert "Tên mới" in client.get("/hinh-anh/").content.decode()
    photo = album.photos.get()
    photo.caption_vi = "Chú thích mới"
    photo.save()
    assert "Chú thích mới" in client.get(album.get_absolute_url()).content.decode()


def test_moderators_purge_deletes_photos_and_files(
    client, settings, administrator, django_capture_on_commit_callbacks
):
    from tests.gallery.conftest import stored_files

    album = make_album("Sẽ xóa", status=Status.DRAFT, photos=2)
    workflow.perform(administrator, album, Action.TRASH)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(administrator, album, Action.PURGE)
    assert not Photo.objects.exists() and stored_files(settings) == []
