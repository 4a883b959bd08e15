"""The documents register: found by number however typed, filters that combine, validity read
from dates and relations (and changing by itself), relations shown on both documents, and the
site search reaching the text inside attached files."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from chaudoc.search.engine import search
from documents.models import DocumentRelation, Validity
from tests.documents.conftest import (
    attach_pdf,
    make_document,
    make_field,
    make_issuer,
    make_type,
)

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def listed(client, **params):
    """The numbers the list page shows for these filters."""
    response = client.get(reverse("documents:list"), params)
    assert response.status_code == 200
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.mark.parametrize("typed", ["125/QĐ-UBND", "125 qd ubnd", "125", "125/qđ-ubnd", "125-QD"])
def test_a_number_is_found_however_it_is_typed(client, typed):
    make_document("125/QĐ-UBND")
    make_document("1250/QĐ-UBND")
    make_document("12/KH-UBND")
    found = listed(client, so=typed)
    assert "125/QĐ-UBND" in found
    assert "12/KH-UBND" not in found
    if typed == "125":
        assert "1250/QĐ-UBND" not in found  # digits alone are the number, not a prefix of it


def test_filters_combine(client):
    decision, plan = make_type("Quyết định"), make_type("Kế hoạch", is_plan=True)
    ward_body, city_body = make_issuer("UBND phường"), make_issuer("HĐND phường")
    land, budget = make_field("Đất đai"), make_field("Ngân sách")
    make_document("1/QĐ-UBND", doc_type=decision, issuer=ward_body, field=land)
    make_document("2/QĐ-UBND", doc_type=decision, issuer=ward_body, field=budget)
    make_document("3/KH-UBND", doc_type=plan, issuer=ward_body, field=land)
    make_document("4/QĐ-HĐND", doc_type=decision, issuer=city_body, field=land)
    make_document(
        "5/QĐ-UBND", doc_type=decision, issuer=ward_body, field=land, issued_on=date(2025, 3, 1)
    )
    params = {"loai": decision.slug, "co-quan": ward_body.slug, "linh-vuc": land.slug}
    assert set(listed(client, **params)) == {"1/QĐ-UBND", "5/QĐ-UBND"}
    assert listed(client, **params, nam="2025") == ["5/QĐ-UBND"]
    assert listed(client, **params, nam="2025", so="1") == []
    # A value that means nothing is no filter, never an error.
    assert len(listed(client, loai="khong-co", nam="abc", **{"hieu-luc": "x"})) == 5


def test_validity_filter_and_labels(client):
    with time_machine.travel(datetime(2026, 8, 1, 9, tzinfo=ZONE), tick=False):
        make_document("1/QĐ-UBND", effective_from=date(2026, 7, 1))
        make_document("2/QĐ-UBND", effective_from=date(2026, 9, 1))
        make_document(
            "3/KH-UBND", effective_from=date(2026, 1, 1), effective_until=date(2026, 7, 31)
        )
        old = make_document("4/QĐ-UBND", effective_from=date(2025, 1, 1))
        amended = make_document("5/QĐ-UBND", effective_from=date(2025, 1, 1))
        new = make_document("6/QĐ-UBND", effective_from=date(2026, 7, 15))
        DocumentRelation.objects.create(source=new, kind="replaces", target=old)
        DocumentRelation.objects.create(source=new, kind="amends", target=amended)
        state = lambda v: set(listed(client, **{"hieu-luc": v}))  # noqa: E731
        assert state(Validity.IN_FORCE) == {"1/QĐ-UBND", "6/QĐ-UBND"}
        assert state(Validity.NOT_YET) == {"2/QĐ-UBND"}
        assert state(Validity.ENDED) == {"3/KH-UBND", "4/QĐ-UBND"}
        assert state(Validity.PARTLY) == {"5/QĐ-UBND"}
        page = client.get(reverse("documents:list")).content.decode()
        assert "Hết hiệu lực một phần" in page and "Chưa có hiệu lực" in page


def test_validity_changes_by_itself_when_the_end_date_passes(client):
    document = make_document(
        "45/KH-UBND", effective_from=date(2026, 8, 1), effective_until=date(2026, 12, 31)
    )
    url = document.get_absolute_url()
    # 40 s apart, well inside the page cache's lifetime: its copy must end at midnight.
    with time_machine.travel(datetime(2026, 12, 30, 23, 59, 30, tzinfo=ZONE), tick=False):
        page = client.get(url).content.decode()
        assert "Còn hiệu lực" in page
        assert listed(client, **{"hieu-luc": Validity.IN_FORCE}) == ["45/KH-UBND"]
    with time_machine.travel(datetime(2026, 12, 31, 0, 0, 10, tzinfo=ZONE), tick=False):
        page = client.get(url).content.decode()  # nothing was saved: the clock moved
        assert "Hết hiệu lực" in page and "Còn hiệu lực" not in page
        assert listed(client, **{"hieu-luc": Validity.ENDED}) == ["45/KH-UBND"]


def test_a_replaced_document_links_to_its_replacement_and_back(client):
    old = make_document("15/QĐ-UBND", effective_from=date(2026, 7, 2))
    new = make_document("125/QĐ-UBND", effective_from=date(2026, 7, 15))
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    with time_machine.travel(datetime(2026, 8, 1, tzinfo=ZONE), tick=False):
        old_page = client.get(old.get_absolute_url()).content.decode()
        new_page = client.get(new.get_absolute_url()).content.decode()
    assert "Hết hiệu lực" in old_page
    assert f'href="{new.get_absolute_url()}"' in old_page
    assert "Được thay thế bởi" in old_page
    assert f'href="{old.get_absolute_url()}"' in new_page
    assert "Thay thế" in new_page and "Còn hiệu lực" in new_page


def test_a_replacement_not_yet_in_force_leaves_the_old_one_in_force(client):
    old = make_document("15/QĐ-UBND", effective_from=date(2026, 7, 2))
    new = make_document("125/QĐ-UBND", effective_from=date(2026, 9, 1))
    DocumentRelation.objects.create(source=new, kind="replaces", target=old)
    assert old.validity(date(2026, 8, 31)) == Validity.IN_FORCE
    assert old.validity(date(2026, 9, 1)) == Validity.ENDED


def test_an_unpublished_replacement_changes_nothing(client):
    old = make_document("15/QĐ-UBND", effective_from=date(2026, 7, 2))
    draft = make_document("125/QĐ-UBND", status="draft", effective_from=date(2026, 7, 15))
    DocumentRelation.objects.create(source=draft, kind="replaces", target=old)
    page = client.get(old.get_absolute_url()).content.decode()
    assert "Còn hiệu lực" in page and draft.get_absolute_url() not in page


def test_a_word_only_inside_the_attached_pdf_finds_the_document():
    document = make_document("7/QĐ-UBND", summary_vi="Quyết định về công tác phòng chống lũ")
    make_document("8/QĐ-UBND", summary_vi="Quyết định khác")
    assert not search("kenhvinhte").hits
    attach_pdf(document, "Noi dung: nao vet kenhvinhte doan qua khom Vinh Dong")
    hits = search("kenhvinhte").hits
    assert [(hit.source.key, hit.pk) for hit in hits] == [("documents", document.pk)]


def test_site_search_finds_documents_by_summary_and_number(client):
    document = make_document("125/QĐ-UBND", summary_vi="Quy chế làm việc của Ủy ban nhân dân")
    response = client.get(reverse("search"), {"q": "quy che lam viec"})
    assert document.get_absolute_url() in response.content.decode()
    response = client.get(reverse("search"), {"q": "125 qd ubnd"})
    assert document.get_absolute_url() in response.content.decode()


def test_drafts_are_not_listed_nor_reachable(client):
    draft = make_document("9/QĐ-UBND", status="draft")
    assert listed(client) == []
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_feed_per_type_lists_its_documents(client):
    plan = make_type("Kế hoạch", is_plan=True)
    make_document("3/KH-UBND", doc_type=plan, summary_vi="Kế hoạch phòng chống lũ")
    make_document("1/QĐ-UBND")
    response = client.get(reverse("documents:type_rss", args=[plan.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "3/KH-UBND" in body and "1/QĐ-UBND" not in body


def test_disclosure_sections_are_built_from_the_register(client):
    plan = make_type("Kế hoạch", is_plan=True)
    make_document("3/KH-UBND", doc_type=plan)
    make_document("12/QĐ-UBND", section="du-toan", issued_on=date(2026, 7, 5))
    make_document("31/BC-UBND", section="thong-ke")
    assert "3/KH-UBND" in client.get(reverse("documents:plans")).content.decode()
    budget = client.get(reverse("documents:budget")).content.decode()
    assert "Năm 2026" in budget and "12/QĐ-UBND" in budget and "Dự toán ngân sách" in budget
    assert "31/BC-UBND" in client.get(reverse("documents:statistics")).content.decode()
    for name in ("disclosures", "projects", "access"):
        assert client.get(reverse(f"documents:{name}")).status_code == 200


def test_home_page_shows_the_latest_documents(client):
    document = make_document("125/QĐ-UBND")
    page = client.get(reverse("home")).content.decode()
    assert 'class="documents-block"' in page and document.get_absolute_url() in page


def test_staff_preview_an_unpublished_document(client, moderator):
    draft = make_document("9/QĐ-UBND", status="draft")
    url = reverse("documents:preview", args=[draft.pk])
    assert client.get(url).status_code == 404
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200 and "9/QĐ-UBND" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_english_list_names_the_filters_in_english(client):
    decision = make_type("Quyết định")
    decision.name_en = "Decision"
    decision.save()
    make_document("1/QĐ-UBND", doc_type=decision, summary_en="A decision")
    make_document("2/QĐ-UBND", doc_type=decision)  # not translated: not in English lists
    response = client.get("/en" + reverse("documents:list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{decision.slug}">Decision</option>' in body
    assert "1/QĐ-UBND" in body and "2/QĐ-UBND" not in body
