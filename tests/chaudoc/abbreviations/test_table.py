import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chaudoc.abbreviations import table
from chaudoc.abbreviations.models import Abbreviation
from tests.factories import make_editor, make_moderator, make_ward

pytestmark = pytest.mark.django_db


def test_migrate_seeds_the_common_forms_of_public_text():
    pairs = set(table.search_pairs())
    assert ("UBND", "Ủy ban nhân dân") in pairs
    assert ("HĐND", "Hội đồng nhân dân") in pairs
    assert ("MTTQ", "Mặt trận Tổ quốc") in pairs
    assert ("CSXH", "chính sách xã hội") in pairs
    assert {("TP", "thành phố"), ("Tp.", "thành phố"), ("P.", "phường")} <= pairs
    assert table.reading_map()["BĐ1"] == "báo động một"  # the spoken form, when it differs
    assert table.reading_map()["UBND"] == "Ủy ban nhân dân"  # else the full form


def test_a_change_is_seen_at_the_next_lookup_and_each_use_has_its_own_rows():
    assert "VPĐKĐĐ" not in table.reading_map()
    row = Abbreviation.objects.create(
        short_form="VPĐKĐĐ", full_form="Văn phòng đăng ký đất đai", use_in_search=False
    )
    assert table.reading_map()["VPĐKĐĐ"] == "Văn phòng đăng ký đất đai"
    assert ("VPĐKĐĐ", "Văn phòng đăng ký đất đai") not in table.search_pairs()
    row.use_in_search, row.use_in_reading = True, False
    row.save()
    assert ("VPĐKĐĐ", "Văn phòng đăng ký đất đai") in table.search_pairs()
    assert "VPĐKĐĐ" not in table.reading_map()
    row.delete()
    assert ("VPĐKĐĐ", "Văn phòng đăng ký đất đai") not in table.search_pairs()


def test_another_process_sees_a_change_through_the_shared_version(django_assert_num_queries):
    table.search_pairs()
    with django_assert_num_queries(0):
        table.search_pairs()  # read once per process
    Abbreviation.objects.create(short_form="PCTT", full_form="phòng chống thiên tai")
    table._loaded["version"] = "as another process last saw it"
    with django_assert_num_queries(1):
        assert ("PCTT", "phòng chống thiên tai") in table.search_pairs()


def test_a_full_form_that_only_repeats_the_short_form_is_refused():
    row = Abbreviation(short_form="  Hồ ", full_form="hô")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "full_form" in error.value.message_dict
    assert row.short_form == "Hồ"  # spaces tidied


def test_moderators_edit_the_table_in_vietnamese_and_ward_editors_only_read_it(client):
    moderator = make_moderator("kiemduyet-vt")
    client.force_login(moderator)
    url = reverse("admin:chaudoc_abbreviation_add")
    page = client.get(url)
    assert page.status_code == 200
    assert "Dạng viết tắt" in page.content.decode()
    response = client.post(
        url,
        {
            "short_form": "KP",
            "full_form": "khóm, phường",
            "kind": "abbreviation",
            "use_in_search": "on",
            "use_in_reading": "on",
        },
    )
    assert response.status_code == 302
    assert ("KP", "khóm, phường") in table.search_pairs()

    editor = make_editor("bientap-vt", make_ward("Vĩnh Mỹ"))
    client.force_login(editor)
    assert client.get(reverse("admin:chaudoc_abbreviation_changelist")).status_code == 200
    assert client.get(url).status_code == 403
