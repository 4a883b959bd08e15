"""The register's pages run a fixed number of queries, whatever the number of documents."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from about.menu import furniture
from chaudoc.portals.current import default_portal
from documents.demo import sample_pdf
from documents.models import Attachment, Document, DocumentRelation
from tests.documents.conftest import make_field, make_issuer, make_type
from tests.factories import NOW

pytestmark = pytest.mark.django_db

BUDGETS = {"list": 6, "list-filtered": 6, "detail": 6, "home-block": 1}


def _register(count):
    types = [make_type(f"Loại {i}") for i in range(4)]
    issuers = [make_issuer(f"Cơ quan {i}") for i in range(3)]
    fields = [make_field(f"Lĩnh vực {i}") for i in range(3)]
    Document.objects.bulk_create(
        Document(
            number=f"{n}/QĐ-UBND",
            number_key=f"{n}qdubnd",
            slug=f"van-ban-{n}",
            doc_type=types[n % 4],
            issuer=issuers[n % 3],
            field=fields[n % 3],
            issued_on=date(2020, 1, 1) + timedelta(days=n % 2000),
            summary_vi=f"Trích yếu văn bản số {n}",
            status="published",
            published_at=NOW - timedelta(days=400),
        )
        for n in range(1, count + 1)
    )
    first, second, third = Document.objects.order_by("pk")[:3]
    DocumentRelation.objects.create(source=second, kind="replaces", target=first)
    DocumentRelation.objects.create(source=third, kind="amends", target=first)
    for n in range(2):
        Attachment.objects.create(
            document=first, file=ContentFile(sample_pdf(["Van ban"]), name=f"{n}.pdf")
        )
    return first, types[0]


@pytest.mark.parametrize("count", [20, 2000])
@pytest.mark.parametrize("page", ["list", "list-filtered", "detail"])
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, count, page):
    document, doc_type = _register(count)
    urls = {
        "list": (reverse("documents:list"), {}),
        "list-filtered": (
            reverse("documents:list"),
            {"loai": doc_type.slug, "hieu-luc": "con", "nam": "2020", "so": "1", "page": "2"},
        ),
        "detail": (document.get_absolute_url(), {}),
    }
    url, params = urls[page]
    furniture(default_portal())  # the menu and website links: read once per process and change
    with django_assert_max_num_queries(BUDGETS[page]):
        response = client.get(url, params)
    assert response.status_code == 200
    body = response.content.decode()
    if page == "detail":
        assert "Hết hiệu lực" in body and body.count("(PDF, ") == 2
    elif page == "list":
        assert body.count('<th scope="row">') == 20
