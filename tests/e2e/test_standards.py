"""Every public page, in both languages, at desktop and phone widths: zero axe-core violations
(WCAG 2.1 A/AA), zero Nu HTML Checker errors, and a screenshot as an artifact."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.e2e.checks import axe_violations, describe, html_errors
from tests.e2e.conftest import DESKTOP, PHONE

SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"

PAGES = {
    "home": "/",
    "article": SEED,
    "category": "/chuyen-muc/tin-tuc-su-kien/",
    "ward": "/phuong-xa/phuong-nui-sam/",
    "not-found": "/khong-co-trang-nay/",
    "search": "/tim-kiem/?q=giam+ngheo",
    "site-map": "/so-do-trang/",
    "albums": "/hinh-anh/",
    "album": "/hinh-anh/hoi-nghi-tong-ket-giam-ngheo-ben-vung-2023/",
}
LANGUAGES = {"vi": "", "en": "/en"}


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = False
    call_command("load_demo", articles=12, verbosity=0)


@pytest.fixture
def axe_page(browser):
    """A page whose context lets axe-core be injected despite the site's CSP."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def _url(language, page):
    return LANGUAGES[language] + PAGES[page]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_pages_have_no_accessibility_violations(demo, live_url, axe_page, shot, language,
                                                viewport):
    axe_page.set_viewport_size(viewport)
    failures = {}
    for page in PAGES:
        axe_page.goto(live_url + _url(language, page))
        shot(axe_page, f"{language}-{page}")
        violations = axe_violations(axe_page)
        if violations:
            failures[page] = describe(violations)
        root = "document.documentElement"
        assert axe_page.evaluate(f"{root}.scrollWidth <= {root}.clientWidth"), page
    assert not failures, "\n".join(f"{p}:\n{v}" for p, v in failures.items())


def test_served_html_is_valid(demo):
    client = Client()
    documents = {}
    for language in LANGUAGES:
        for page in PAGES:
            url = _url(language, page)
            response = client.get(url)
            assert response.status_code in (200, 404), url
            documents[url] = response.content.decode()
    errors = html_errors(documents)
    assert not errors, "\n".join(f"{url}: {msgs}" for url, msgs in errors.items())
