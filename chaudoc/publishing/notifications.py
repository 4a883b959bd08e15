"""Workflow e-mail through Django's mail framework (console in development, SMTP in production).

Moderators hear of every submission; the author hears when their work is rejected or published.
The mail is written and sent by a background job (chaudoc.jobs) once the action has committed,
never in the moderator's or editor's request: a slow or unreachable mail server costs the admin
nothing, and a failed send is retried, then shown to administrators in the jobs' admin, while
the action itself stands.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from chaudoc.jobs import enqueue_on_commit, job
from chaudoc.pages.origin import absolute_uri
from chaudoc.portals import current as portals
from chaudoc.publishing.models import StateChange
from chaudoc.publishing.workflow import Action, perm_name
from chaudoc.wards.scope import ALL_PORTALS_PERM

TEMPLATES = {
    Action.SUBMIT: "submitted",
    Action.REJECT: "rejected",
    Action.APPROVE: "published",
    Action.SCHEDULE: "published",
}


def state_changed(sender, change, obj, **kwargs):
    """Receiver of chaudoc.publishing.workflow.state_changed (connected in ChaudocConfig.ready):
    queues the notice of `change`, if the action has one."""
    if change is not None and change.action in TEMPLATES:
        enqueue_on_commit(send_state_notice, change.pk)


@job()
def send_state_notice(change_id):
    """Mail the notice of one logged state change; returns whom it was sent to. The row is read
    as it is when the job runs; a change whose row is gone (purged) sends nothing."""
    change = StateChange.objects.select_related("actor").filter(pk=change_id).first()
    obj = change.content_object if change is not None else None
    if obj is None:
        return []
    template = TEMPLATES[change.action]
    recipients = _moderators(obj, change.actor) if change.action == Action.SUBMIT else _author(obj)
    if not recipients:
        return []
    opts = obj._meta
    portal = portals.get(obj.portal_id)  # links at the row's own portal, whatever the host
    context = {
        "obj": obj,
        "change": change,
        "kind": opts.verbose_name,
        "admin_url": absolute_uri(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]), portal
        ),
        "public_url": absolute_uri(obj.get_absolute_url(), portal),
    }
    # Staff mail speaks the portal's language, whichever page the action was taken on.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"chaudoc/email/{template}_subject.txt", context)
        body = render_to_string(f"chaudoc/email/{template}.txt", context)
    # A mail server that refuses or cannot be reached fails the job: it is tried again later.
    send_mail(" ".join(subject.split()), body, None, recipients)
    return recipients


def _moderators(obj, actor):
    # Permissions live in the database (ModelBackend); the other backends only guard sign-in.
    users = (
        get_user_model()
        .objects.with_perm(
            perm_name(obj, "publish"),
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
    )
    if actor is not None:
        users = users.exclude(pk=actor.pk)
    # Moderators of the row's portal (members, or of all portals); another portal's never hear.
    every_portal = get_user_model().objects.with_perm(
        ALL_PORTALS_PERM,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    users = users.filter(
        Q(portal_memberships__portal=obj.portal_id) | Q(pk__in=every_portal.values("pk"))
    ).distinct()
    return sorted(users.values_list("email", flat=True))


def _author(obj):
    author = getattr(obj, "author", None)
    return [author.email] if author is not None and author.email and author.is_active else []
