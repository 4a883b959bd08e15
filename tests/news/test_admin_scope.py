"""A ward editor reaches, through every relation they can set and every file list they can open,
only what their own lists show: "view on site", the article's album, every relation of every
admin form and inline, and CKEditor's "browse server"."""

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from tests.factories import image_upload, make_album, make_article

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def view_on_site(obj):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])


@pytest.fixture
def editor_client(client, editor_a):
    client.force_login(editor_a)
    return client


# "View on site"


def test_view_on_site_hides_another_wards_draft_and_its_slug(editor_client, ward_b):
    draft = make_article("Bản nháp phường Núi Sam", status="draft", ward=ward_b)
    response = editor_client.get(view_on_site(draft))
    assert response.status_code == 404
    assert draft.slug not in response.content.decode()


def test_view_on_site_answers_for_a_published_article_of_the_editors_ward(editor_client, ward_a):
    article = make_article("Tin phường Châu Phú A", ward=ward_a)
    response = editor_client.get(view_on_site(article))
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize("role", ["editor_a", "moderator", "administrator"])
def test_view_on_site_never_redirects_to_unpublished_content(client, request, role, ward_a):
    client.force_login(request.getfixturevalue(role))
    draft = make_article("Bản nháp của phường", status="draft", ward=ward_a)
    pending = make_album("Album chờ duyệt", status="pending", ward=ward_a)
    for obj in (draft, pending):
        response = client.get(view_on_site(obj))
        assert response.status_code == 404, obj
        assert obj.slug not in response.get("Location", "")


def test_view_on_site_serves_no_photo_of_another_wards_unpublished_album(editor_client, ward_b):
    photo = make_album("Album nháp Núi Sam", status="draft", ward=ward_b, photos=1).photos.get()
    response = editor_client.get(view_on_site(photo))
    assert response.status_code == 404
    assert photo.image.name.rsplit("/", 1)[-1].split(".")[0] not in response.get("Location", "")


def test_view_on_site_of_a_photo_follows_its_albums_scope(client, editor_a, editor_b, ward_a):
    photo = make_album("Album phường Châu Phú A", ward=ward_a, photos=1).photos.get()
    client.force_login(editor_a)
    response = client.get(view_on_site(photo))
    assert response.status_code == 302 and response["Location"] == photo.get_absolute_url()
    client.force_login(editor_b)
    assert client.get(view_on_site(photo)).status_code == 404


@pytest.mark.parametrize("path", ["abc/1/", "999999/1/", "%00/1/", "{ct}/abc/", "{ct}/999999/"])
def test_view_on_site_with_a_malformed_address_answers_404(editor_client, path):
    ct = ContentType.objects.get_for_model(Article).pk
    response = editor_client.get(f"/quan-tri/r/{path.format(ct=ct)}")
    assert response.status_code == 404


# The article's album


def _article_data(category, ward, **overrides):
    data = {
        "title_vi": "Bài có album",
        "title_en": "",
        "lead_vi": "Tóm tắt",
        "lead_en": "",
        "body_vi": "<p>Nội dung.</p>",
        "body_en": "",
        "cover_alt_vi": "",
        "cover_alt_en": "",
        "category": category.pk,
        "ward": ward.pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("album", ["other_ward", "city_wide", "other_ward_draft", "trashed"])
def test_an_article_refuses_an_album_the_editors_list_does_not_show(
    editor_client, ward_a, ward_b, category, album
):
    albums = {
        "other_ward": lambda: make_album("Album Núi Sam", ward=ward_b),
        "city_wide": lambda: make_album("Album toàn thành phố", ward=None),
        "other_ward_draft": lambda: make_album("Album nháp Núi Sam", status="draft", ward=ward_b),
        "trashed": lambda: make_album(
            "Album đã bỏ vào thùng rác", ward=ward_a, deleted_at=timezone.now()
        ),
    }
    chosen = albums[album]()
    response = editor_client.post(
        reverse("admin:news_article_add"), _article_data(category, ward_a, album=chosen.pk)
    )
    assert response.status_code == 200  # the form again, with its error
    assert "album" in response.context["adminform"].form.errors
    assert chosen.title_vi not in response.content.decode()
    assert not Article.objects.filter(title_vi="Bài có album").exists()


def test_an_article_takes_an_album_of_the_editors_ward(editor_client, ward_a, category):
    album = make_album("Album nháp Châu Phú A", status="draft", ward=ward_a)
    response = editor_client.post(
        reverse("admin:news_article_add"), _article_data(category, ward_a, album=album.pk)
    )
    assert response.status_code == 302
    assert Article.objects.get(title_vi="Bài có album").album == album


def test_a_prefilled_album_of_another_ward_is_not_shown(editor_client, ward_b):
    album = make_album("Album bí mật Núi Sam", status="draft", ward=ward_b)
    response = editor_client.get(f"{reverse('admin:news_article_add')}?album={album.pk}")
    assert response.status_code == 200
    assert album.title_vi not in response.content.decode()


def test_an_album_a_moderator_linked_stays_when_the_ward_editor_edits(
    editor_client, ward_a, category
):
    album = make_album("Album toàn thành phố", ward=None)
    article = make_article(
        "Bài nháp có album", status="draft", ward=ward_a, category=category, album=album
    )
    page = editor_client.get(reverse("admin:news_article_change", args=[article.pk]))
    assert album.title_vi in page.content.decode()
    local = timezone.localtime(article.published_at)
    response = editor_client.post(
        reverse("admin:news_article_change", args=[article.pk]),
        _article_data(
            category,
            ward_a,
            title_vi="Bài nháp đã sửa",
            slug=article.slug,
            album=album.pk,
            published_at_0=f"{local:%d/%m/%Y}",
            published_at_1=f"{local:%H:%M:%S}",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title_vi, article.album) == ("Bài nháp đã sửa", album)


# Every relation of every admin form and inline


def _relation_fields(model_admin, request):
    """(name, form field) of each relation the user can set on the add and change forms and
    their inlines."""
    fields = []
    for obj in (None, model_admin.model._default_manager.first()):
        fields += _form_relations(model_admin, request, obj)
    return fields


def _form_relations(model_admin, request, obj):
    fields = []
    form = model_admin.get_form(request, obj)
    fields += [
        (f"{model_admin.model.__name__}.{name}", field)
        for name, field in form.base_fields.items()
        if isinstance(field, ModelChoiceField)
    ]
    for inline in model_admin.get_inline_instances(request, obj):
        formset = inline.get_formset(request, obj)
        fields += [
            (f"{inline.model.__name__}.{name}", field)
            for name, field in formset.form.base_fields.items()
            if isinstance(field, ModelChoiceField)
        ]
    return fields


@pytest.mark.parametrize("role", ["editor_a", "moderator", "administrator"])
def test_every_relation_of_every_admin_form_offers_only_what_the_users_lists_show(
    request, role, ward_a, ward_b, category
):
    user = request.getfixturevalue(role)
    for ward in (ward_a, ward_b, None):
        make_album(status="draft", ward=ward, photos=0)
        make_album(ward=ward, deleted_at=timezone.now())
        make_article(ward=ward, category=category)
    http = RequestFactory().get("/quan-tri/")
    http.user = user
    checked = []
    for model_admin in admin.site._registry.values():
        for label, field in _relation_fields(model_admin, http):
            model = field.queryset.model
            if not admin.site.is_registered(model):
                continue
            shown = set(
                admin.site.get_model_admin(model).get_queryset(http).values_list("pk", flat=True)
            )
            offered = set(field.queryset.values_list("pk", flat=True))
            assert offered <= shown, label
            checked.append(label)
    # Album.cover (photos, edited inline only) is narrowed by its form: the test below.
    expected = {
        "Article.album",
        "Article.ward",
        "Article.category",
        "Album.ward",
        "ForecastDay.location",
    }
    if role == "administrator":
        expected |= {"WardMembership.ward", "User.groups", "RiverReading.station"}
    assert expected <= set(checked)


def test_the_album_cover_offers_only_the_albums_own_photos(editor_client, ward_a, ward_b):
    album = make_album("Album nháp Châu Phú A", status="draft", ward=ward_a, photos=1)
    other = make_album("Album Núi Sam", ward=ward_b, photos=1).photos.get()
    page = editor_client.get(reverse("admin:gallery_album_change", args=[album.pk]))
    cover = page.context["adminform"].form.fields["cover"]
    assert set(cover.queryset) == set(album.photos.all()) and other not in cover.queryset


# CKEditor's "browse server"


def _upload(client, user):
    client.force_login(user)
    response = client.post("/ckeditor/upload/", {"upload": image_upload()}, **SAME_ORIGIN)
    assert response.status_code == 200, response.content
    return response.json()["url"]


def _browsed(client, user):
    client.force_login(user)
    response = client.get("/ckeditor/browse/")
    assert response.status_code == 200
    return {f["src"] for f in response.context["files"]}


def test_a_ward_editor_browses_only_their_own_uploads(
    client, editor_a, editor_b, moderator, administrator
):
    legacy = default_storage.save("editor/2025/01/02/anh-cu.jpg", ContentFile(b"x"))
    legacy_url = default_storage.url(legacy)
    own, others = _upload(client, editor_a), _upload(client, editor_b)
    mine = _upload(client, moderator)
    assert _browsed(client, editor_a) == {own}
    assert _browsed(client, editor_b) == {others}
    for user in (moderator, administrator):
        assert _browsed(client, user) == {own, others, mine, legacy_url}


def test_editor_uploads_are_stored_in_a_folder_of_their_own(client, editor_a):
    url = _upload(client, editor_a)
    assert f"/editor/u{editor_a.pk}/" in url
    stored = url.split("/media/", 1)[1]
    assert default_storage.exists(stored)
