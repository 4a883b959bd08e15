"""Documents in the site search (chaudoc.search): the summary first, then the number, type,
issuer, field and signer, then the text read from the attached PDF and DOCX files."""

from django.utils.translation import gettext_lazy as _

from chaudoc.search.engine import SearchSource, register
from documents.models import Document


class DocumentSource(SearchSource):
    def display_text(self, obj):
        return obj.summary or ""  # the files' text is searched, not quoted


documents = register(
    DocumentSource(
        key="documents",
        model=Document,
        queryset=Document.objects.published,
        label=_("Documents"),
        result_template="documents/includes/search_result.html",
        fields=("summary", "details", "file_text"),
        related=("doc_type", "issuer"),
    )
)
