"""Who may do what to a ward A introduction page in each state (tests/about/matrix.py), and to
the unit's leaders, offices, procedures, links and menu, which have no workflow."""

import pytest
from django.urls import reverse

from about.models import IntroPage, Leader, MenuItem, Office, Procedure, WebLink
from tests.about import matrix
from tests.about.factories import (
    make_leader,
    make_link,
    make_menu_item,
    make_office,
    make_page,
    make_procedure,
)

pytestmark = pytest.mark.django_db


class PageKind(matrix.Kind):
    model = IntroPage
    field = "title_vi"
    old, current, new = "Lịch sử hình thành", "Lịch sử, văn hóa", "Lịch sử và truyền thống"

    def make(self, ward, author, **fields):
        return make_page(ward=ward, author=author, **fields)

    def form(self, obj):
        return {
            "title_vi": self.new,
            "title_en": "",
            "slug": obj.slug,
            "summary_vi": obj.summary_vi,
            "summary_en": "",
            "body_vi": obj.body_vi,
            "body_en": "",
            "image_alt_vi": "",
            "image_alt_en": "",
            "image_text_vi": "",
            "image_text_en": "",
            "parent": "",
            "order": "0",
            "ward": obj.ward_id,
            **matrix.published_fields(obj),
        }


@pytest.mark.parametrize("state", matrix.STATES)
@pytest.mark.parametrize("action", matrix.ACTIONS)
@pytest.mark.parametrize("role", matrix.ROLES)
def test_page_permission_matrix(client, request, role, action, state, ward_a, editor_a):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    matrix.run_cell(PageKind(), client, user, role, action, state, ward_a, editor_a)


# The unit's furniture: moderators keep leaders, offices, procedures and links; only
# administrators the menu; ward editors none of them.
UNIT_MODELS = {
    "leader": (Leader, lambda: make_leader("Lãnh đạo ma trận"), "name"),
    "office": (Office, lambda: make_office("Phòng ma trận"), "name_vi"),
    "procedure": (Procedure, lambda: make_procedure("Thủ tục ma trận"), "name_vi"),
    "weblink": (WebLink, lambda: make_link("Liên kết ma trận"), "name_vi"),
    "menuitem": (MenuItem, lambda: make_menu_item("Mục ma trận", "about:index"), "label_vi"),
}
MAY_EDIT = {
    "anonymous": set(),
    "editor_a": set(),
    "moderator": {"leader", "office", "procedure", "weblink"},
    "administrator": set(UNIT_MODELS),
}


@pytest.mark.parametrize("model", sorted(UNIT_MODELS))
@pytest.mark.parametrize("role", sorted(MAY_EDIT))
def test_unit_models_are_kept_by_moderators_and_the_menu_by_administrators(
    client, request, role, model
):
    cls, build, field = UNIT_MODELS[model]
    obj = build()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    name = f"admin:about_{model}_"
    listing = client.get(reverse(name + "changelist"))
    delete = client.post(reverse(name + "delete", args=[obj.pk]), {"post": "yes"})
    if model in MAY_EDIT[role]:
        assert listing.status_code == 200 and str(obj) in listing.content.decode()
        assert delete.status_code == 302 and not cls.objects.filter(pk=obj.pk).exists()
    else:
        assert listing.status_code in (302, 403)
        assert delete.status_code in (302, 403, 404)
        if delete.status_code == 302:
            assert "/login/" in delete["Location"]
        assert cls.objects.filter(pk=obj.pk).exists()
