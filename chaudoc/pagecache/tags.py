"""The one invalidation rule: what a cached page shows, and what a change touches.

While a page renders for the cache, every object of a registered model loaded from the database
adds its tags to the page (`post_init`), and every list of published rows adds its model's list
tag (`chaudoc.publishing.states.PublishedQuerySet.published` calls `depends_on`); views and
template tags may add their own (`depends_on("furniture:menu")`). A change invalidates only the
tags it touches, before and after the change.

A model joins with `invalidate_on_change(Model)` and declares, if the defaults do not fit:

- `cache_tags()` (method) or `cache_tags = (...)` (fixed tags): what pages showing one object
  depend on; default `"<app>.<model>:<pk>"`;
- `cache_list_tags = (...)`: what the lists it may appear in depend on; default
  `"<app>.<model>:list"` (fixed `cache_tags` serve as list tags too);
- `is_public()`: whether readers see the object now (a draft, a pending or withdrawn article,
  an unpublished album: no); default always;
- `cache_lists_by_query = True`: its lists record their tag when they are built (published());
  otherwise a page that loads one object of the model depends on all its lists;
- `cache_list_scopes`: fields that lists are narrowed by (`listing(Model, category=3)` in a
  view): a change touches the narrowed lists of its values only, besides the unnarrowed ones;
- `cache_list_fields`: the fields that decide which lists show it and where (its state, times,
  category, ...); a change of one, or of `is_public()`, touches the list tags too. Without it,
  every change touches the list tags;
- `cache_quiet_fields`: fields no reader sees (a view count, a modification time).

So a save that no reader can see (a draft, a pending edit, an unpublished album or photo, a
save that changes only quiet fields) invalidates nothing. Models not registered (revisions,
sessions, users) never do.
"""

import contextvars
import logging
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save, pre_save

from chaudoc.pagecache import purge
from chaudoc.pagecache.versions import versions

logger = logging.getLogger(__name__)

SITE = "*"  # every cached page depends on it: invalidate_everything() bumps it

_recording = contextvars.ContextVar("pagecache_recording", default=None)
_fixed = {}  # model -> tags given at registration


@contextmanager
def recording():
    """Collect the tags of what is rendered inside the block into the yielded set."""
    tags = {SITE}
    token = _recording.set(tags)
    try:
        yield tags
    finally:
        _recording.reset(token)


def depends_on(*tags):
    """The page being rendered (if any is being rendered for the cache) shows these."""
    found = _recording.get()
    if found is not None:
        found.update(tags)


def depends_on_list(model):
    """The page being rendered lists rows of `model` (all of them, unless narrowed by
    `listing()`)."""
    found = _recording.get()
    if found is not None and model in _registered:
        narrowed = _narrowed.get()
        if narrowed is not None and narrowed[0] is model:
            found.update(narrowed[1])
        else:
            found.update(list_tags(model))


_narrowed = contextvars.ContextVar("pagecache_narrowed", default=None)


@contextmanager
def listing(model, **scope):
    """Lists of `model` built inside the block show only rows with these values (one of the
    model's `cache_list_scopes`, e.g. category=3); no scope: the block looks up one row, which
    is in no list (its own tags are recorded when it is loaded)."""
    tags = {_scoped(model, name, value) for name, value in scope.items()}
    token = _narrowed.set((model, tags))
    try:
        yield
    finally:
        _narrowed.reset(token)


def _scoped(model, name, value):
    return f"{model._meta.label_lower}:list:{name}={value}"


def object_tags(obj):
    fixed = _fixed.get(type(obj))
    if fixed is not None:
        return set(fixed)
    declared = getattr(obj, "cache_tags", None)
    if callable(declared):
        return set(declared())
    if declared is not None:
        return set(declared)
    return {f"{obj._meta.label_lower}:{obj.pk}"} if obj.pk is not None else set()


def list_tags(model):
    fixed = _fixed.get(model)
    if fixed is not None:
        return set(fixed)
    declared = getattr(model, "cache_list_tags", None)
    if declared is None and not callable(getattr(model, "cache_tags", None)):
        declared = getattr(model, "cache_tags", None)
    if declared is not None:
        return set(declared)
    return {f"{model._meta.label_lower}:list"}


def object_list_tags(obj):
    """The list tags of the lists `obj` is in: all of them, and those of its scopes."""
    model = type(obj)
    tags = list_tags(model)
    for name in getattr(model, "cache_list_scopes", ()):
        tags.add(_scoped(model, name, getattr(obj, _attname(obj, name))))
    return tags


def touched(before, after):
    """The tags a change from `before` to `after` (None: not there) invalidates."""
    obj = after if after is not None else before
    shown_before = before is not None and _is_public(before)
    shown_after = after is not None and _is_public(after)
    if not (shown_before or shown_after):
        return set()  # nobody saw it, nobody will
    sides = [side for side in (before, after) if side is not None]
    tags = set().union(*(object_tags(side) for side in sides))
    lists = set().union(*(object_list_tags(side) for side in sides))
    model = type(obj)
    list_fields = getattr(model, "cache_list_fields", None)
    if shown_before != shown_after or list_fields is None:
        return tags | lists
    if _values(before, list_fields) != _values(after, list_fields):
        return tags | lists
    quiet = set(getattr(model, "cache_quiet_fields", ())) | set(list_fields)
    shown = [f.attname for f in model._meta.concrete_fields if f.attname not in quiet]
    return tags if _values(before, shown) != _values(after, shown) else set()


def _is_public(obj):
    check = getattr(obj, "is_public", None)
    return check() if callable(check) else True


def _values(obj, names):
    return [getattr(obj, _attname(obj, name), None) for name in names]


def _attname(obj, name):
    field = obj._meta.get_field(name)
    return getattr(field, "attname", name)


def invalidate(*tags):
    """Pages depending on any of `tags` are stale from now on; and again when the current
    transaction commits (a page rendered meanwhile from the old rows must not survive it).
    Inside `one_invalidation()`, only when that block ends."""
    tags = set(tags)
    if not tags:
        return
    batch = _batch.get()
    if batch is not None:
        batch.update(tags)
        return
    _bump(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(tags))


_batch = contextvars.ContextVar("pagecache_batch", default=None)


@contextmanager
def one_invalidation():
    """Every invalidation inside the block made once, when it ends: one bump of each tag
    touched and one purge, instead of one per saved row (the demo content, a folder of
    photos, a weather fetch). Put it around the block's transaction, so that the pages are
    invalidated after its rows are visible; pages cached while it runs may show the rows
    saved so far until it ends. Nested blocks leave it to the outermost."""
    if _batch.get() is not None:
        yield
        return
    tags = set()
    token = _batch.set(tags)
    try:
        yield
    finally:
        _batch.reset(token)
        invalidate(*tags)  # also after a failure: what committed before it is visible


def invalidate_everything(**kwargs):
    """Every cached page is stale (usable as a signal receiver)."""
    invalidate(SITE)


def _bump(tags):
    try:
        versions().bump(sorted(tags))
    except Exception:  # a cache that is down must not take the site with it
        logger.warning("could not invalidate the page cache", exc_info=True)
    # `*` is on every page: with it, the other tags name nothing more for a CDN to drop (the
    # demo content touches some 180 of them).
    purged = {SITE} if SITE in tags else tags
    try:
        purge.purger().purge(purged)
    except Exception:  # a CDN that does not answer must not fail the editor's save
        logger.warning("could not purge %s", " ".join(sorted(purged)), exc_info=True)


# The rows as they were, from pre_save until post_save (per thread and save).
_before = contextvars.ContextVar("pagecache_before", default=None)
_registered = set()


def _record(sender, instance, **kwargs):
    found = _recording.get()
    if found is not None:
        found |= object_tags(instance)
        if not getattr(sender, "cache_lists_by_query", False):
            found |= list_tags(sender)  # a page showing one may list them all (a menu)


def _remember_before(sender, instance, raw=False, update_fields=None, **kwargs):
    before = None
    if not raw and not instance._state.adding and instance.pk is not None:
        before = sender._base_manager.using(kwargs.get("using")).filter(pk=instance.pk).first()
    stack = (_before.get() or ())[-31:]  # a save that failed leaves its row: keep few
    _before.set((*stack, (instance, before)))


def _saved(sender, instance, raw=False, **kwargs):
    stack = _before.get() or ()
    before = None
    for n in range(len(stack) - 1, -1, -1):
        if stack[n][0] is instance:
            before = stack[n][1]
            _before.set(stack[:n] + stack[n + 1 :])
            break
    if not raw:
        invalidate(*touched(before, instance))


def _deleted(sender, instance, **kwargs):
    invalidate(*touched(instance, None))


def invalidate_on_change(*models, tags=None):
    """Register models shown to readers (see the module's note). `tags`: fixed tags for every
    object and list of these models (e.g. a site-wide block)."""
    for model in models:
        _registered.add(model)
        if tags is not None:
            _fixed[model] = tuple(tags)
        uid = f"pagecache:{model._meta.label}"
        post_init.connect(_record, sender=model, dispatch_uid=uid + ":init")
        pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + ":before")
        post_save.connect(_saved, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid + ":delete")
