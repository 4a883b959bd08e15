"""Moving a former unit's archive into a successor portal: every row that belongs to the former
portal (articles, categories, albums, wards, alerts: whatever model has a `portal` field) moves
in one transaction, keeps its slug and so its address, and remembers who published it (the
history notice). The former portal's host names then answer 301 to the same address on the
successor (chaudoc.portals.middleware.moved_archive)."""

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction

from chaudoc.pagecache.pages import bump_generation
from chaudoc.portals.current import bump_version
from chaudoc.portals.models import Portal


@dataclass
class Part:
    model: type
    count: int
    examples: list

    @property
    def label(self):
        return self.model._meta.verbose_name_plural


def portal_models():
    """Every model with a `portal` foreign key to Portal (apps declare nothing more), but the
    portal's own host names and staff, which stay with it."""
    found = []
    for model in apps.get_models():
        if model.__module__ == Portal.__module__:
            continue
        field = next((f for f in model._meta.fields if f.name == "portal"), None)
        if field is not None and field.many_to_one and field.related_model is Portal:
            found.append(model)
    return found


def preview(source, examples=5):
    """What a move of `source`'s archive would carry, model by model."""
    parts = []
    for model in portal_models():
        rows = model._default_manager.filter(portal=source)
        count = rows.count()
        if count:
            parts.append(Part(model, count, [str(row) for row in rows[:examples]]))
    return parts


def successor_choices(source):
    return source.successors.exclude(pk=source.pk)


@transaction.atomic
def move_archive(source, target):
    """Move every row of `source` into `target`; returns {model: rows moved}."""
    if not source.successors.filter(pk=target.pk).exists():
        raise ValueError("The target must be one of the former unit's successors.")
    moved = {}
    for model in portal_models():
        rows = model._default_manager.filter(portal=source)
        if any(f.name == "published_by" for f in model._meta.fields):
            rows.filter(published_by__isnull=True).update(published_by=source)
        moved[model] = rows.update(portal=target)
    Portal.objects.filter(pk=source.pk).update(archive_moved_to=target)
    bump_version(signal=True)  # update() sends no signal: readers' pages and the map change
    bump_generation(signal=True)
    return moved
