"""The two-portal permission matrix: who may do what to an article of portal A, in each state,
through the admin's own URLs (crafted requests, no form fetched first). Portal A's staff work as
on a single-portal install; portal B's ward editor and moderator reach nothing of it; the
provincial administrator reaches everything. Then the admin's other doors (filters,
autocomplete, history, preview, bulk actions, staff lists) are walked by portal B's moderator."""

import pytest
from django.urls import reverse

from news.models import Article
from tests.factories import make_editor, make_moderator, make_staff, make_ward
from tests.news import test_permission_matrix as single

from .conftest import HOST_B

pytestmark = pytest.mark.django_db

# Portal A's ward editor works as tests/news/test_permission_matrix.py shows.
ROLES = ["moderator_own", "editor_other", "moderator_other", "administrator"]
ALLOWED = {
    "moderator_own": single.MODERATION,
    "editor_other": {},
    "moderator_other": {},
    "administrator": single.MODERATION,
}


@pytest.fixture
def staff(two_portals):
    a, b = two_portals
    ward_a = make_ward("Châu Phú A", portal=a)
    ward_b = make_ward("Núi Sam", portal=b)
    return {
        "ward_a": ward_a,
        "editor_own": make_editor("bientap-a", ward_a),
        "moderator_own": make_moderator("kiemduyet-a", a),
        "editor_other": make_editor("bientap-b", ward_b),
        "moderator_other": make_moderator("kiemduyet-b", b),
        "administrator": make_staff("quantri-tinh", superuser=True),
    }


def crafted(client, action, article, host):
    """As single.request, on `host`; the edit names the article's portal, as the form of
    staff who work on several portals asks for it."""
    if action != "edit":
        return single.request(HostClient(client, host), action, article)
    data = {**single.edit_data(article), "portal": article.portal_id}
    return client.post(single.admin_url("change", article.pk), data, HTTP_HOST=host)


class HostClient:
    def __init__(self, client, host):
        self.client, self.host = client, host

    def get(self, path, data=None, **extra):
        return self.client.get(path, data, HTTP_HOST=self.host, **extra)

    def post(self, path, data=None, **extra):
        return self.client.post(path, data, HTTP_HOST=self.host, **extra)


@pytest.mark.parametrize("state", single.STATES)
@pytest.mark.parametrize("action", single.ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_two_portal_permission_matrix(client, two_portals, staff, role, action, state):
    a, _b = two_portals
    article = single.article_in(state, staff["ward_a"], a.category, staff["editor_own"], portal=a)
    assert article.portal == a
    client.force_login(staff[role])
    before = single.snapshot(article)
    started = single.timezone.now()
    response = crafted(client, action, article, HOST_B)  # the admin answers on any host
    assert response.status_code != 500
    if state in ALLOWED[role].get(action, ()):
        single.assert_done(action, before[0], article, response, started)
        return
    if action == "view_list" and response.status_code == 200:
        assert single.TITLE not in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404), response.status_code
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "e=1" in response["Location"]
    assert single.snapshot(article) == before


def test_no_other_door_of_the_admin_shows_portal_a_to_portal_bs_moderator(
    client, two_portals, staff
):
    a, b = two_portals
    client.force_login(staff["moderator_other"])
    get = HostClient(client, HOST_B).get
    article, category = a.article, a.category
    pages = [
        reverse("admin:news_article_changelist") + f"?portal__id__exact={a.pk}",
        reverse("admin:news_article_changelist") + f"?category__id__exact={category.pk}",
        reverse("admin:news_article_changelist") + "?q=Ch%C3%A2u+%C4%90%E1%BB%91c",
        reverse("admin:news_category_changelist"),
        reverse("admin:chaudoc_ward_changelist"),
        reverse("admin:chaudoc_portal_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:autocomplete")
        + "?app_label=news&model_name=article&field_name=category&term=Tin",
        reverse("admin:autocomplete") + "?app_label=news&model_name=article&field_name=ward&term=",
        reverse("admin:news_article_add"),
    ]
    for path in pages:
        response = get(path)
        body = response.content.decode()
        assert response.status_code in (200, 302, 403), path
        for name in (article.title, category.name, "Châu Phú A", "bientap-a", "kiemduyet-a"):
            assert name not in body, (path, name)
    for path in (
        reverse("admin:news_article_change", args=[article.pk]),
        reverse("admin:news_article_history", args=[article.pk]),
        reverse("admin:news_category_change", args=[category.pk]),
        reverse("admin:chaudoc_portal_change", args=[a.pk]),
        reverse("admin:auth_user_change", args=[staff["editor_own"].pk]),
        reverse("news:preview", args=[article.pk]),
    ):
        assert get(path).status_code in (403, 404), path
    # A bulk action naming portal A's article does nothing to it.
    before = single.snapshot(article)
    HostClient(client, HOST_B).post(
        reverse("admin:news_article_changelist"),
        {"action": "delete_selected", "_selected_action": [article.pk], "post": "yes"},
    )
    assert single.snapshot(article) == before
    assert Article.objects.filter(pk=article.pk, deleted_at__isnull=True).exists()


def test_a_crafted_form_cannot_file_under_another_portals_category(client, two_portals, staff):
    a, b = two_portals
    client.force_login(staff["moderator_other"])
    data = {
        "title_vi": "Bài phường Vĩnh Tế",
        "lead_vi": "Tóm tắt.",
        "body_vi": "<p>Nội dung.</p>",
        "category": a.category.pk,
        "portal": a.pk,
        "published_at_0": "2026-11-27",
        "published_at_1": "10:00:00",
    }
    response = client.post(reverse("admin:news_article_add"), data, HTTP_HOST=HOST_B)
    assert response.status_code == 200  # the form again, with its errors
    assert not Article.objects.filter(title_vi="Bài phường Vĩnh Tế").exists()


def test_new_content_of_a_one_portal_moderator_goes_to_their_portal(client, two_portals, staff):
    a, b = two_portals
    client.force_login(staff["moderator_other"])
    form = client.get(reverse("admin:news_article_add"), HTTP_HOST=HOST_B).content.decode()
    assert 'name="portal"' not in form  # one portal: nothing to choose
    data = {
        "title_vi": "Bài phường Vĩnh Tế",
        "lead_vi": "Tóm tắt.",
        "body_vi": "<p>Nội dung.</p>",
        "category": b.category.pk,
        "published_at_0": "2026-11-27",
        "published_at_1": "10:00:00",
    }
    response = client.post(reverse("admin:news_article_add"), data, HTTP_HOST=HOST_B)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(title_vi="Bài phường Vĩnh Tế").portal == b
