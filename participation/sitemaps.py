from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chaudoc.pages.sitemaps import PortalSitemap, register
from participation.models import Consultation, Question


class ParticipationSitemap(PortalSitemap):
    html_title = _("Questions and answers")
    changefreq = "weekly"

    def items(self):
        questions = Question.objects.public().for_portal().only("code", "title", "published_at")
        consultations = Consultation.objects.public().for_portal().only("slug", "title")
        return [
            "questions",
            "consultations",
            "privacy",
            *questions.order_by("-published_at", "-pk"),
            *consultations.order_by("-opens_at", "-pk"),
        ]

    def location(self, item):
        names = {
            "questions": "participation:questions",
            "consultations": "participation:consultations",
            "privacy": "participation:privacy",
        }
        return reverse(names[item]) if isinstance(item, str) else item.get_absolute_url()

    def item_label(self, item):
        labels = {
            "questions": _("Questions and answers"),
            "consultations": _("Comments on drafts"),
            "privacy": _("Privacy notice"),
        }
        return labels[item] if isinstance(item, str) else str(item)


register("participation", ParticipationSitemap)
