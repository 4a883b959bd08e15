"""Published questions and answers in the site search (tone marks optional)."""

from django.utils.translation import gettext_lazy as _

from chaudoc.search.engine import SearchSource, register
from chaudoc.search.text import document_text, plain_text
from participation.models import Question


class QuestionSource(SearchSource):
    """Vietnamese only: the same document in both languages."""

    def document(self, obj, language):
        return document_text([obj.title, obj.question, plain_text(obj.answer)])

    def display_text(self, obj):
        return f"{obj.question} {plain_text(obj.answer)}"


questions = register(
    QuestionSource(
        key="questions",
        model=Question,
        queryset=Question.objects.public,
        label=_("Questions and answers"),
        result_template="participation/includes/search_result.html",
        fields=("title", "question", "answer"),
        related=("topic",),
    )
)
