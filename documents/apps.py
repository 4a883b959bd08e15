from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR

EDITING = [
    f"{verb}_{model}"
    for model in ("document", "attachment", "documentrelation")
    for verb in ("add", "change", "view", "delete")
]
REFERENCE = [
    f"{verb}_{model}"
    for model in ("documenttype", "issuer", "field", "project", "disclosureitem")
    for verb in ("add", "change", "view", "delete")
]


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")
    # Collected by chaudoc.wards.roles. Documents follow the articles' workflow: ward editors
    # prepare them, moderators publish; the register's data (types, issuers, fields) and the
    # public disclosures (projects, the disclosure list) are the moderators'.
    role_permissions = {
        WARD_EDITOR: [
            *EDITING,
            "view_documenttype",
            "view_issuer",
            "view_field",
        ],
        MODERATOR: [*EDITING, "publish_document", *REFERENCE],
    }

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.publishing import history
        from chaudoc.ratings import registry
        from documents.models import (
            Attachment,
            DisclosureItem,
            Document,
            DocumentRelation,
            DocumentType,
            Field,
            Issuer,
            Project,
        )

        invalidate_on_change(Document, Attachment, DocumentRelation)
        invalidate_on_change(Project, DisclosureItem, tags=["documents:disclosures"])
        invalidate_on_change(DocumentType, Issuer, Field, tags=["documents:reference"])
        history.register(Document)
        registry.register(Document, section=lambda document: document.doc_type)

        # Documents in the site search and the sitemaps.
        from documents import search, sitemaps  # noqa: F401
