"""The introduction's pages, the organisation chart, leaders, contacts and procedures."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from about.models import IntroPage, Leader, Office, Procedure
from chaudoc.portals import current as portals
from chaudoc.publishing import workflow
from chaudoc.search.engine import stored_search_fields
from chaudoc.text import fold_accents

PROCEDURES_PER_PAGE = 50
MAX_QUERY = 200


class Tree:
    """The portal's published pages, read in one query: children, ancestors, siblings."""

    def __init__(self, pages):
        self.pages = list(pages)
        self.by_id = {page.pk: page for page in self.pages}
        self.children = {}
        for page in self.pages:
            self.children.setdefault(page.parent_id, []).append(page)

    @classmethod
    def published(cls):
        return cls(IntroPage.objects.published().for_portal().for_tree().order_by("order", "id"))

    def roots(self):
        return self.children.get(None, [])

    def ancestors(self, page):
        """From the top down to `page`'s parent; None if one of them is not public (the page
        is then not reachable either)."""
        chain, parent_id = [], page.parent_id
        while parent_id is not None:
            parent = self.by_id.get(parent_id)
            if parent is None or parent in chain:
                return None
            chain.insert(0, parent)
            parent_id = parent.parent_id
        return chain

    def nested(self, parent_id=None):
        """[(page, [(child, [...]), ...]), ...] for a nested list."""
        return [(page, self.nested(page.pk)) for page in self.children.get(parent_id, [])]


def index(request):
    """ "Giới thiệu": the pages of the introduction, and the unit's leaders and offices."""
    tree = Tree.published()
    leaders = Leader.objects.filter(portal=portals.current().pk, is_active=True)
    context = {"tree": tree.nested(), "leaders": list(leaders.only("name", "slug", "position"))}
    return render(request, "about/index.html", context)


def _page(queryset, **lookup):
    return queryset.select_related("ward").defer(*stored_search_fields()).filter(**lookup).first()


def page_detail(request, slug):
    page = _page(IntroPage.objects.published().for_portal(), slug=slug)
    if page is None:
        raise Http404
    return _render_page(request, page, Tree.published())


def page_file(request, slug, name):
    """A page's PDF (its map), found by the page, never by a path from the request; served
    as a download with its checked type, never sniffed. Staff who may open the page get its
    file before it is published."""
    page = IntroPage.objects.filter(portal=portals.current().pk, slug=slug).first()
    if page is None or not page.file:
        raise Http404
    visible = page.is_public() and Tree.published().ancestors(page) is not None
    if not visible and not (
        request.user.is_authenticated and workflow.can_view(request.user, page)
    ):
        raise Http404
    try:
        handle = page.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=page.download_name, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@never_cache
def page_preview(request, pk):
    """An unpublished page as readers would see it, for the staff who may open it."""
    page = _page(IntroPage.objects.all(), pk=pk)
    if page is None or not request.user.is_staff or not workflow.can_view(request.user, page):
        raise Http404
    with portals.override(portals.get(page.portal_id)):
        tree = Tree.published()
        response = _render_page(request, page, tree, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_page(request, page, tree, preview=False):
    ancestors = tree.ancestors(page)
    if ancestors is None and not preview:
        raise Http404  # under a page readers cannot see
    context = {
        "page": page,
        "ancestors": ancestors or [],
        "children": tree.children.get(page.pk, []),
        "tree": tree.nested(),
        "preview": preview,
    }
    response = render(request, "about/page_detail.html", context)
    response.page_cache_until = page.expires_at
    return response


def _offices():
    offices = Office.objects.filter(portal=portals.current().pk).select_related("head")
    children = {}
    for office in offices:
        children.setdefault(office.parent_id, []).append(office)

    def nested(parent_id=None, seen=frozenset()):
        return [
            (office, nested(office.pk, seen | {office.pk}))
            for office in children.get(parent_id, [])
            if office.pk not in seen
        ]

    return nested(), [office for group in children.values() for office in group]


def chart(request):
    """ "Cơ cấu tổ chức": the offices and their heads as a nested list drawn as a chart."""
    tree, _flat = _offices()
    return render(request, "about/chart.html", {"chart": tree})


def contacts(request):
    """ "Liên hệ": every office's address, phone and e-mail; the contact point first."""
    _tree, offices = _offices()
    offices.sort(key=lambda o: (not o.is_contact_point, o.order, o.pk))
    return render(request, "about/contacts.html", {"offices": offices})


def leaders(request):
    rows = Leader.objects.filter(portal=portals.current().pk, is_active=True)
    return render(request, "about/leader_list.html", {"leaders": list(rows)})


def leader_detail(request, slug):
    leader = Leader.objects.filter(portal=portals.current().pk, is_active=True, slug=slug).first()
    if leader is None:
        raise Http404
    return render(request, "about/leader_detail.html", {"leader": leader})


def _matches(procedure, words):
    text = fold_accents(f"{procedure.name} {procedure.code} {procedure.field}").lower()
    return all(word in text for word in words)


def procedures(request):
    """ "Thủ tục hành chính": the unit's procedures, found by words typed with or without
    tone marks, or by field; each links to its page on the national public-service portal."""
    query = " ".join(str(request.GET.get("q", ""))[:MAX_QUERY].split())
    field = str(request.GET.get("linh-vuc", ""))[:MAX_QUERY]
    rows = list(Procedure.objects.filter(portal=portals.current().pk))
    fields = sorted({p.field for p in rows})
    if field and field not in fields:
        field = ""  # a field the portal does not have: all of them, not an error
    words = fold_accents(query).lower().split()
    found = [p for p in rows if (not field or p.field == field) and _matches(p, words)]
    page = Paginator(found, PROCEDURES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "query": query,
        "field": field,
        "fields": fields,
        "page_obj": page,
        "procedures": page.object_list,
        "total": len(rows),
    }
    return render(request, "about/procedures.html", context)
