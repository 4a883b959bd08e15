"""The editorial workflow, written once for every Publishable model (articles, albums).

draft → pending → published (now or at a set time); pending → rejected (reason) → draft on
edit; published → withdrawn (reason). Deleting moves a row to the trash, which moderators
restore from and only holders of `purge_<model>` empty. Nothing else changes a status: the
field is not in any form, and every action checks here who may do what to which row.

Permissions, per model: `change_` (edit own ward's drafts, submit), `delete_` (trash own ward's
drafts), `publish_` (moderate: review, publish, reject, withdraw, restore, revert, edit
anything) and `purge_` (empty the trash). Ward scope comes from chaudoc.wards.scope.
"""

from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chaudoc.publishing.states import Action, Status
from chaudoc.wards import scope

# Sent once a state change is committed (sender: the content's model; change: its StateChange
# row; obj: the content). E-mail (chaudoc.publishing.notifications) listens; so may anything else.
state_changed = Signal()


ALL = frozenset(Status.values)
# The only states in which a ward editor may touch their own content.
EDITABLE = frozenset({Status.DRAFT, Status.REJECTED})


@dataclass(frozen=True)
class Rule:
    sources: frozenset  # the statuses the action starts from
    target: str | None = None  # the status it leads to (None: unchanged)
    perm: str = "publish"  # the model permission it takes
    editors: bool = False  # ward editors may do it too, on their own drafts
    needs: str = ""  # what the intermediate page asks: "reason" or "time"
    trashed: bool = False  # it acts on rows in the trash


RULES = {
    Action.SUBMIT: Rule(frozenset({Status.DRAFT}), Status.PENDING, perm="change", editors=True),
    Action.APPROVE: Rule(frozenset({Status.PENDING, Status.WITHDRAWN}), Status.PUBLISHED),
    Action.SCHEDULE: Rule(
        frozenset({Status.PENDING, Status.WITHDRAWN}), Status.PUBLISHED, needs="time"
    ),
    Action.REJECT: Rule(frozenset({Status.PENDING}), Status.REJECTED, needs="reason"),
    Action.WITHDRAW: Rule(frozenset({Status.PUBLISHED}), Status.WITHDRAWN, needs="reason"),
    Action.TRASH: Rule(ALL, perm="delete", editors=True),
    Action.RESTORE: Rule(ALL, trashed=True),
    Action.PURGE: Rule(ALL, perm="purge", trashed=True),
    Action.REVERT: Rule(ALL),
}
# The actions offered as buttons and bulk actions (revert is offered per version).
BUTTONS = [
    Action.SUBMIT,
    Action.APPROVE,
    Action.SCHEDULE,
    Action.REJECT,
    Action.WITHDRAW,
    Action.TRASH,
    Action.RESTORE,
    Action.PURGE,
]


def perm_name(model, verb):
    opts = model._meta
    return f"{opts.app_label}.{verb}_{opts.model_name}"


def is_moderator(user, model):
    return user.has_perm(perm_name(model, "publish"))


def _staff_in_scope(user, obj):
    return user.is_active and user.is_staff and scope.reaches(user, obj)


def allowed(user, obj, action):
    """May `user` perform `action` on `obj` now? The single answer for buttons and requests."""
    rule = RULES[action]
    if not _staff_in_scope(user, obj) or obj.in_trash != rule.trashed:
        return False
    if obj.status not in rule.sources:
        return False
    if rule.perm == "purge":
        return user.has_perm(perm_name(obj, "purge"))
    if is_moderator(user, obj):
        return True
    return rule.editors and obj.status in EDITABLE and user.has_perm(perm_name(obj, rule.perm))


def can_edit(user, obj):
    if not _staff_in_scope(user, obj) or obj.in_trash:
        return False
    if not user.has_perm(perm_name(obj, "change")):
        return False
    return obj.status in EDITABLE or is_moderator(user, obj)


def can_view(user, obj):
    """Staff of the row's ward see it in every state; only moderators see it in the trash."""
    if not _staff_in_scope(user, obj):
        return False
    if obj.in_trash and not is_moderator(user, obj):
        return False
    return user.has_perm(perm_name(obj, "view")) or user.has_perm(perm_name(obj, "change"))


def available(user, obj):
    return [action for action in BUTTONS if allowed(user, obj, action)]


def check(user, obj, action, *, reason="", at=None):
    """Raise PermissionDenied or ValidationError unless the action may go ahead as asked."""
    if not allowed(user, obj, action):
        raise PermissionDenied
    needs = RULES[action].needs
    if needs == "reason" and not (reason or "").strip():
        raise ValidationError(_("Give a reason: the author and readers will see it."))
    if needs == "time":
        if at is None or at <= timezone.now():
            raise ValidationError(_("Choose a publication time in the future."))
        if obj.expires_at and at >= obj.expires_at:
            raise ValidationError(_("The publication time must come before the expiry time."))


def perform(user, obj, action, *, reason="", at=None):
    """Carry out one workflow action; returns the logged StateChange (None for a purge)."""
    check(user, obj, action, reason=reason, at=at)
    if action == Action.PURGE:
        obj.delete()
        return None
    now = timezone.now()
    old_status = obj.status
    if action == Action.APPROVE:
        obj.published_at = now
    elif action == Action.SCHEDULE:
        obj.published_at = at
    elif action == Action.TRASH:
        obj.deleted_at = now
    elif action == Action.RESTORE:
        obj.deleted_at = None
    target = RULES[action].target
    if target:
        _move(obj, target, now, reason)
    return _save_and_log(user, obj, action, old_status, reason.strip() if reason else "")


def note_edit(user, obj):
    """Editing a rejected row sends it back to draft (the rejection stays in the log)."""
    if obj.pk and obj.status == Status.REJECTED:
        _move(obj, Status.DRAFT, timezone.now(), "")
        return _log(user, obj, Action.REDRAFT, Status.REJECTED, "")
    return None


def revert(user, obj, version):
    """Put back the content of an earlier version; the workflow state stays as it is.

    The revert is saved as a new version, so it can itself be undone.
    """
    if not allowed(user, obj, Action.REVERT) or version.object_id != str(obj.pk):
        raise PermissionDenied
    kept = content_fields(obj)
    for name, value in version.field_dict.items():
        if name in kept:
            setattr(obj, name, value)
    with transaction.atomic(), reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(
            _("Reverted to the version of %(date)s.")
            % {"date": timezone.localtime(version.revision.date_created).strftime("%d/%m/%Y %H:%M")}
        )
    return obj


def content_fields(obj):
    """What a revert restores: what the author wrote, not the workflow's or the clock's fields."""
    skip = {"id", "slug", "author", "created_at", "updated_at"}
    skip |= {f.name for f in obj._meta.get_fields() if f.concrete and not f.editable}
    skip |= {"published_at", "expires_at"}
    keep = set(getattr(obj, "revert_also", ()))
    return {f.attname for f in obj._meta.concrete_fields if f.name not in skip or f.name in keep}


def _move(obj, status, now, reason):
    obj.status = status
    obj.status_changed_at = now
    obj.status_reason = reason.strip() if reason else ""


def _save_and_log(user, obj, action, old_status, reason):
    with transaction.atomic(), reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(str(Action(action).label))
        change = _log(user, obj, action, old_status, reason)
    transaction.on_commit(lambda: state_changed.send(sender=type(obj), change=change, obj=obj))
    return change


def _log(user, obj, action, old_status, reason):
    return obj.state_changes.create(
        action=action,
        from_status=old_status,
        to_status=obj.status,
        actor=user,
        reason=reason,
    )
