"""As deployed: nginx with TLS (deploy/nginx.conf, a test certificate) in front of gunicorn with
production settings (SECURE_SSL_REDIRECT and HSTS on). A page served from either cache (the
app's or nginx's) carries the same security headers and the same redirect as one rendered
afresh; and no Host, port or SCRIPT_NAME a client sends changes what another reader gets
(issue 14, findings 3 and 4).
"""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article

from .conftest import serve

# One worker starts this module's gunicorn and nginx once (make test: --dist loadgroup).
pytestmark = [
    pytest.mark.stack,
    pytest.mark.usefixtures("transactional_db"),
    pytest.mark.xdist_group(__name__),
]

ORIGIN = "https://chaudoc.example.vn"
HSTS = "max-age=31536000; includeSubDomains; preload"
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture(scope="module")
def deployed(django_db_setup):
    with serve(
        tls=True,
        extra_env={
            "PORTAL_URL": ORIGIN,
            "ALLOWED_HOSTS": "chaudoc.example.vn,localhost,127.0.0.1",
        },
    ) as running:
        yield running


def article(title):
    return make_article(
        title, title_en=f"{title} (en)", published_at=timezone.now() - timedelta(hours=1)
    )


def security(answer):
    return {name: answer.headers.get(name) for name in SECURITY_HEADERS}


def test_https_pages_carry_hsts_from_either_cache(deployed):
    path = article("Tin có HSTS qua mọi lớp").get_absolute_url()
    answers = [deployed.get(path) for _ in range(3)]
    assert [a.status for a in answers] == [200, 200, 200]
    assert answers[0].headers["X-Proxy-Cache"] == "MISS"
    assert answers[-1].headers["X-Proxy-Cache"] == "HIT"
    assert answers[0].headers["Strict-Transport-Security"] == HSTS
    assert all(security(a) == security(answers[0]) for a in answers)
    # gunicorn's own cache (the WSGI door) answers the same headers as its first render
    direct = [deployed.direct(path, {"X-Forwarded-Proto": "https"}) for _ in range(2)]
    assert direct[-1].headers["X-Page-Cache"] == "hit"
    assert security(direct[-1]) == security(answers[0])


def test_static_files_carry_hsts_too(deployed):
    page = deployed.get("/")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page.body).group(1)
    answer = deployed.get(stylesheet)
    assert answer.status == 200 and answer.headers["Strict-Transport-Security"] == HSTS


def test_plain_http_on_nginx_redirects_even_when_the_page_is_cached(deployed):
    path = article("Tin đã lưu đệm vẫn chuyển sang HTTPS").get_absolute_url()
    deployed.get(path)
    assert deployed.get(path).headers["X-Proxy-Cache"] == "HIT"
    answer = deployed.plain(path)
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://localhost{path}"


def test_gunicorn_reached_over_plain_http_redirects_even_when_the_page_is_cached(deployed):
    path = article("Tin gọi thẳng gunicorn").get_absolute_url()
    https = {"X-Forwarded-Proto": "https"}
    # Cached for the reader over HTTPS first. The article's own creation reaches the app's
    # processes as an invalidation a moment later (published through Redis), and it may evict
    # the first copy: warm until a copy is served from the cache (a second at most).
    for _ in range(20):
        if deployed.direct(path, https).headers["X-Page-Cache"] == "hit":
            break
        time.sleep(0.05)
    else:
        pytest.fail("the page was never served from the page cache")
    answer = deployed.direct(path)
    assert answer.status == 301 and answer.headers["Location"] == f"https://localhost{path}"
    assert "X-Page-Cache" not in answer.headers


def absolute_urls(body):
    return [
        u
        for u in re.findall(r'(?:href|content|src)="(https?://[^"]+)"', body)
        + re.findall(r'"(?:@id|url|item)": ?"(https?://[^"]+)"', body)
        + re.findall(r"<(?:loc|link|id)>(https?://[^<]+)<", body)
        + re.findall(r"Sitemap: (\S+)", body)
        if "schema.org" not in u and "facebook.com" not in u and "zalo.me" not in u
    ]


@pytest.mark.parametrize(
    "path",
    [
        "{article}",
        "/en{article}",
        "/",
        "/rss/",
        "/atom/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/robots.txt",
    ],
)
def test_no_host_port_or_script_name_reaches_another_readers_page(deployed, path):
    path = path.format(article=article("Tin không bị đầu độc bộ đệm").get_absolute_url())
    odd = [
        {"Host": "127.0.0.1"},
        {"Host": "localhost:8443"},
        {"Host": "chaudoc.example.vn", "SCRIPT_NAME": "/evil", "Script-Name": "/evil"},
    ]
    for headers in odd:  # each fills whatever cache it can, first, before the reader comes
        deployed.get(path, {**headers, "X-Forwarded-Proto": "https"})
        deployed.direct(path, {**headers, "X-Forwarded-Proto": "https"})
    reader = deployed.get(path, {"Host": "chaudoc.example.vn"})
    assert reader.status == 200, reader.body[:300]
    found = absolute_urls(reader.body)
    assert found, reader.body[:500]
    assert all(u.startswith(ORIGIN + "/") for u in found), found
    assert "/evil" not in reader.body and "8443" not in reader.body
