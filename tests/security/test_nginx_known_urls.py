"""deploy/nginx.conf limits requests to addresses outside the portal's URL shapes to 2 a second
per client ("unknown URLs"). Every page the portal has must be inside those shapes, or a new
section's readers would be throttled: each URL pattern of every app, in both languages, is
checked against the map's own expressions."""

import re
from pathlib import Path

from django.urls import URLResolver, get_resolver
from django.utils import translation

NGINX = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"


def known_shapes():
    conf = NGINX.read_text()
    block = conf.split("$chaudoc_unknown_client {", 1)[1].split("\n    }", 1)[0]
    shapes = []
    for line in block.splitlines():
        found = re.match(r'\s*"~\^0(.*)"\s+"";', line)
        if found:  # nginx's PCRE and Python's re agree on these expressions
            shapes.append(re.compile("^" + found.group(1)))
    return shapes


def sample_paths():
    """One path for each URL pattern: converters and groups given a plain value."""
    paths = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                paths.add("/" + re.sub(r"<[^>]+>", "x1", route.lstrip("^").rstrip("$")))

    for language in ("vi", "en"):
        with translation.override(language):
            walk(get_resolver().url_patterns, "")
    return {path for path in paths if "(" not in path and "\\" not in path}


def test_the_map_knows_its_own_shapes():
    shapes = known_shapes()
    assert len(shapes) >= 4
    assert not any(shape.match("/wp-login.php") for shape in shapes)
    assert not any(shape.match("/khong-co-muc-nay/") for shape in shapes)


def test_every_page_of_the_portal_is_a_known_shape():
    shapes = known_shapes()
    unknown = sorted(p for p in sample_paths() if not any(s.match(p) for s in shapes))
    assert not unknown, f"add their first segment to deploy/nginx.conf's map: {unknown}"
