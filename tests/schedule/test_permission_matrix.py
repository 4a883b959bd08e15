"""Who may do what to a ward A schedule entry in each state (tests/about/matrix.py)."""

import pytest

from schedule.models import Entry
from tests.about import matrix
from tests.about.factories import make_entry

pytestmark = pytest.mark.django_db


class EntryKind(matrix.Kind):
    model = Entry
    field = "content_vi"
    old, current, new = "Họp giao ban tuần", "Họp giao ban đầu tuần", "Tiếp công dân định kỳ"

    def make(self, ward, author, **fields):
        return make_entry(ward=ward, author=author, **fields)

    def form(self, obj):
        return {
            "content_vi": self.new,
            "content_en": "",
            "chair_text_vi": "",
            "chair_text_en": "",
            "participants_vi": obj.participants_vi,
            "participants_en": "",
            "place_vi": obj.place_vi,
            "place_en": "",
            "date": f"{obj.date:%d/%m/%Y}",
            "start_time": "08:00",
            "end_time": "",
            "chair": "",
            "preparing_office": "",
            "ward": obj.ward_id,
            **matrix.published_fields(obj),
        }


@pytest.mark.parametrize("state", matrix.STATES)
@pytest.mark.parametrize("action", matrix.ACTIONS)
@pytest.mark.parametrize("role", matrix.ROLES)
def test_entry_permission_matrix(client, request, role, action, state, ward_a, editor_a):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    matrix.run_cell(EntryKind(), client, user, role, action, state, ward_a, editor_a)
