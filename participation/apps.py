from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from chaudoc.wards.roles import MODERATOR, WARD_EDITOR

CRUD = ("add", "change", "view", "delete")


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Residents speak")
    # Collected by chaudoc.wards.roles. Moderators assign questions, review and publish
    # answers, keep the fields, offices and drafts, moderate and export comments. Officers
    # (ward editors) answer the questions assigned to them or their office. The working-day
    # calendar and the record of contact views are the administrators' (superusers').
    role_permissions = {
        WARD_EDITOR: ["view_question", "change_question", "view_topic"],
        MODERATOR: [
            "view_question",
            "change_question",
            "assign_question",
            "publish_question",
            *(f"{verb}_{model}" for model in ("topic", "office", "consultation") for verb in CRUD),
            *(f"{verb}_consultationfile" for verb in CRUD),
            "view_comment",
            "change_comment",
            "export_comments",
            "view_calendarday",
        ],
    }

    def ready(self):
        from chaudoc.pagecache.pages import invalidate_on_change
        from chaudoc.ratings import registry
        from participation.models import Comment, Consultation, ConsultationFile, Question, Topic

        invalidate_on_change(Question, Topic, Consultation, ConsultationFile, Comment)
        registry.register(Question, section=lambda q: q.topic)
        registry.register(Consultation)

        from participation import search, sitemaps  # noqa: F401
