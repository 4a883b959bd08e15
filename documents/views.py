"""The documents register's pages, its files, and the public disclosures built from it."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from chaudoc.portals import current as portals
from chaudoc.publishing import workflow
from chaudoc.search.engine import load_together, stored_search_fields
from documents.models import (
    BUDGET_SECTIONS,
    ORDER,
    Attachment,
    DisclosureItem,
    Document,
    DocumentRelation,
    DocumentType,
    Field,
    Issuer,
    Project,
    Section,
    Validity,
    next_midnight,
)

PER_PAGE = 20


class SlugChoice(forms.ChoiceField):
    """A choice by slug among rows (types, issuers, fields); an unknown slug is no filter."""

    def __init__(self, rows, **kwargs):
        self.rows = {row.slug: row for row in rows}
        choices = [("", kwargs.pop("empty_label"))] + [(s, str(r)) for s, r in self.rows.items()]
        super().__init__(choices=choices, required=False, **kwargs)

    def clean(self, value):
        return self.rows.get(super().clean(value))


@dataclass(frozen=True)
class Option:
    """A filter's choice: a type, issuer or field as the list's form needs it."""

    pk: int
    slug: str
    name: str

    def __str__(self):
        return self.name


def filter_options():
    """Types, issuers and fields for the filters, in one query (a UNION of the three)."""
    language = get_language() or settings.LANGUAGE_CODE
    label = Coalesce(
        NullIf(f"name_{language}", Value("")), "name_vi", output_field=models.CharField()
    )
    parts = [
        model.objects.annotate(part=Value(n), label=label)
        .values_list("part", "pk", "slug", "order", "label")
        .order_by()
        for n, model in enumerate((DocumentType, Issuer, Field))
    ]
    options = ([], [], [])
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda r: (r[0], r[3], r[4]))
    for part, pk, slug, _order, name in rows:
        options[part].append(Option(pk, slug, name))
    return options


class DocumentFilterForm(forms.Form):
    """The list's filters, all optional, all combined; what does not parse is ignored."""

    so = forms.CharField(label=_("Number or symbol"), required=False, max_length=80)

    def __init__(self, data):
        super().__init__(data)
        types, issuers, fields = filter_options()
        self.fields["loai"] = SlugChoice(types, label=_("Type"), empty_label=_("All types"))
        self.fields["co-quan"] = SlugChoice(
            issuers, label=_("Issuing body"), empty_label=_("All issuing bodies")
        )
        self.fields["linh-vuc"] = SlugChoice(fields, label=_("Field"), empty_label=_("All fields"))
        # A number, not a list of the years in use: that list would cost a query per page.
        self.fields["nam"] = forms.IntegerField(
            label=_("Year of issue"),
            required=False,
            min_value=1945,
            max_value=timezone.localdate().year + 1,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        self.fields["hieu-luc"] = forms.ChoiceField(
            label=_("Validity"),
            required=False,
            choices=[("", _("Any validity")), *Validity.choices],
        )

    def filters(self):
        """The valid filters only: a bad value in one leaves the others working."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def apply_filters(queryset, filters, today):
    if filters.get("so"):
        queryset = queryset.find_number(filters["so"])
    for name, lookup in (("loai", "doc_type"), ("co-quan", "issuer"), ("linh-vuc", "field")):
        if filters.get(name):
            queryset = queryset.filter(**{lookup: filters[name].pk})
    if filters.get("nam"):
        queryset = queryset.filter(issued_on__year=filters["nam"])
    if filters.get("hieu-luc"):
        return queryset.with_validity_state(filters["hieu-luc"], today)
    return queryset.with_validity(today)


def public_documents():
    return Document.objects.published().for_portal().for_language()


def document_list(request):
    """ "Văn bản": every published document, filtered by type, issuer, field, year and
    validity together, and found by number however it is typed."""
    today = timezone.localdate()
    form = DocumentFilterForm(request.GET)
    filters = form.filters()
    documents = apply_filters(public_documents().for_listing(), filters, today).order_by(*ORDER)
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page, "documents": page.object_list, "today": today}
    context["filtered"] = bool(filters)
    context["doc_type"] = filters.get("loai")
    response = render(request, "documents/document_list.html", context)
    response.page_cache_until = next_midnight()  # validity is read from today's date
    return response


def _detail_queryset(queryset):
    return queryset.select_related("doc_type", "issuer", "field", "ward").defer(
        *stored_search_fields()
    )


def _load_around(document):
    """The document's files and its relations both ways, in one query (load_together)."""
    quiet = stored_search_fields()
    relations = (
        DocumentRelation.objects.filter(Q(source=document.pk) | Q(target=document.pk))
        .select_related("source", "target")
        .defer(*(f"{end}__{f}" for end in ("source", "target") for f in quiet))
    )
    files, related = load_together([document.attachments.defer("text"), relations])
    document.files = sorted(files.values(), key=lambda a: (a.order, a.pk))
    for attachment in document.files:
        attachment.document = document  # its download name needs the number: no query
    related = sorted(related.values(), key=lambda r: r.pk)
    document.incoming_relations = [r for r in related if r.target_id == document.pk]
    document.outgoing_relations = [r for r in related if r.source_id == document.pk]
    return document


def document_detail(request, slug):
    document = _detail_queryset(Document.objects.published().for_portal()).filter(slug=slug)
    document = document.first()
    if document is None:
        raise Http404
    _load_around(document)
    response = _render_document(request, document)
    until = [t for t in (document.expires_at, document.next_validity_change()) if t]
    response.page_cache_until = min([*until, next_midnight()])
    return response


@never_cache
def document_preview(request, pk):
    document = _detail_queryset(Document.objects.all()).filter(pk=pk).first()
    if (
        document is None
        or not request.user.is_staff
        or not workflow.can_view(request.user, document)
    ):
        raise Http404
    _load_around(document)
    with portals.override(portals.get(document.portal_id)):
        response = _render_document(request, document, preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render_document(request, document, preview=False):
    today = timezone.localdate()
    incoming = [r for r in document.incoming_relations if preview or r.source.is_public()]
    outgoing = [r for r in document.outgoing_relations if preview or r.target.is_public()]
    context = {
        "document": document,
        "validity": document.validity(today),
        "ended_by": document.ended_by_documents(today),
        "incoming": incoming,
        "outgoing": outgoing,
        "attachments": document.files,
        "preview": preview,
    }
    return render(request, "documents/document_detail.html", context)


def attachment_file(request, pk, name):
    """A published document's file, by its row's id: the stored name is ours, never a path
    from the request; served with its checked type, as a download, never sniffed."""
    attachment = get_object_or_404(Attachment.objects.select_related("document"), pk=pk)
    document = attachment.document
    visible = document.is_public() and document.portal_id == portals.current().pk
    if not visible and not (
        request.user.is_authenticated and workflow.can_view(request.user, document)
    ):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# Public disclosure ("Công khai") ----------------------------------------------------------


def _section_documents(**lookup):
    return public_documents().for_listing().with_validity().filter(**lookup).order_by(*ORDER)


def disclosure_index(request):
    return render(request, "documents/disclosure_index.html", {})


def _document_section(request, title, intro, documents, template="documents/section.html"):
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    context = {"title": title, "intro": intro, "page_obj": page, "documents": page.object_list}
    response = render(request, template, context)
    response.page_cache_until = next_midnight()
    return response


def plans(request):
    return _document_section(
        request,
        _("Strategies, plans and programmes"),
        _("The unit's strategies, plans, programmes and annual work plans."),
        _section_documents(doc_type__is_plan=True),
    )


def statistics(request):
    return _document_section(
        request,
        _("Statistics"),
        _("Statistical reports published by the unit."),
        _section_documents(section=Section.STATISTICS),
    )


def budget(request):
    """The budget by year: estimate, execution and final accounts, each a document."""
    rows = _section_documents(section__in=BUDGET_SECTIONS)
    years = {}
    for document in rows:
        stages = years.setdefault(document.issued_on.year, {s: [] for s in BUDGET_SECTIONS})
        stages[document.section].append(document)
    context = {
        "years": [
            (year, [(Section(s).label, stages[s]) for s in BUDGET_SECTIONS])
            for year, stages in sorted(years.items(), reverse=True)
        ]
    }
    response = render(request, "documents/budget.html", context)
    response.page_cache_until = next_midnight()
    return response


def project_list(request):
    projects = (
        Project.objects.filter(portal=portals.current().pk, shown=True)
        .select_related("field")
        .order_by("order", "-start_year", "name")
    )
    page = Paginator(projects, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "documents/project_list.html", {"page_obj": page, "projects": page.object_list}
    )


def project_detail(request, slug):
    project = get_object_or_404(
        Project.objects.select_related("field"), slug=slug, portal=portals.current().pk, shown=True
    )
    documents = _section_documents(projects=project)
    return render(
        request, "documents/project_detail.html", {"project": project, "documents": documents}
    )


def access_to_information(request):
    """ "Chuyên mục tiếp cận thông tin" (Nghị định 13/2018 Điều 11): the disclosure list, the
    contact point, and the request form as a document to download."""
    portal = portals.current()
    items = DisclosureItem.objects.filter(portal=portal.pk).order_by("order", "pk")
    forms_ = _section_documents(section=Section.REQUEST_FORM).prefetch_related("attachments")
    context = {"items": items, "request_forms": forms_, "contact": portal}
    return render(request, "documents/access.html", context)
