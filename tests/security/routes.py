"""Every URL pattern of the project, found by walking the resolver, so that patterns added
later (the gallery's, say) are swept without anyone listing them."""

import inspect
import itertools
import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


@dataclass(frozen=True)
class Route:
    template: str  # "/en/tin-tuc/{slug}/"
    params: tuple  # ((name, kind), ...): kind is a converter name or "regex:<pattern>"
    name: str  # "news:article", or the route itself when the pattern has no name
    language: str | None  # None for patterns outside i18n_patterns
    callback: object

    @property
    def is_admin(self):
        return self.template.lstrip("/").removeprefix("en/").startswith(ADMIN_ROOT)

    def url(self, **values):
        return self.template.format(**values)

    def matches(self, url):
        """Whether `url` is one of this pattern's (its path has the pattern's shape and
        resolves to its view)."""
        shape = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(self.template))
        return re.fullmatch(shape, url.split("?", 1)[0]) is not None and resolves_to(self, url)


ADMIN_ROOT = "quan-tri/"


def _pattern_parts(pattern):
    """(text with {name} holes, ((name, kind), ...)) for one level of a URL pattern."""
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix, ()
    if isinstance(pattern, RoutePattern):
        text = str(pattern)
        params = tuple((m["name"], m["converter"] or "str") for m in _ROUTE_PARAM.finditer(text))
        return _ROUTE_PARAM.sub(lambda m: "{" + m["name"] + "}", text), params
    if isinstance(pattern, RegexPattern):
        text = str(pattern).lstrip("^").rstrip("$")
        params = tuple((m["name"], "regex:" + m["body"]) for m in _REGEX_GROUP.finditer(text))
        return _REGEX_GROUP.sub(lambda m: "{" + m["name"] + "}", text), params
    raise TypeError(pattern)


def _walk(resolver, prefix, params, namespace, language):
    for entry in resolver.url_patterns:
        text, more = _pattern_parts(entry.pattern)
        is_locale = isinstance(entry.pattern, LocalePrefixPattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(
                entry,
                prefix + text,
                params + more,
                ns,
                translation.get_language() if is_locale else language,
            )
        elif isinstance(entry, URLPattern):
            full = prefix + text
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(
                "/" + full.replace("\\", ""), params + more, name or full, language, entry.callback
            )


def all_routes():
    """Every pattern once per language it answers in (the root patterns once)."""
    seen, routes = set(), []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for route in _walk(get_resolver(), "", (), "", None):
                if route.template not in seen:
                    seen.add(route.template)
                    routes.append(route)
    return routes


def resolves_to(route, url):
    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return False
    return match.func == route.callback or getattr(match.func, "__wrapped__", None) == getattr(
        route.callback, "__wrapped__", route.callback
    )


def fillings(route, candidates):
    """Each combination of candidate values that builds a URL resolving to `route`."""
    options = []
    for name, kind in route.params:
        values = candidates(name, kind)
        if kind.startswith("regex:"):
            values = [v for v in values if re.fullmatch(kind[6:], v)]
        options.append(values)
    for combo in itertools.product(*options):
        values = {name: value for (name, _kind), value in zip(route.params, combo, strict=True)}
        url = route.url(**values)
        if resolves_to(route, url):
            yield values, url


def own_urls(objects):
    """The URLs objects give for themselves, in each language: every `get_..._url()` method
    taking no argument (get_absolute_url, an introduction page's get_file_url). A sweep tries
    these first, before guessing fillings, to find a URL naming what exists."""
    urls = set()
    for obj in objects:
        for name in dir(type(obj)):
            method = getattr(obj, name, None) if name.startswith("get_") else None
            if not (name.endswith("_url") and callable(method)):
                continue
            if any(p.default is p.empty for p in inspect.signature(method).parameters.values()):
                continue
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    url = method()
                if url:
                    urls.add(str(url))
    return sorted(urls)
