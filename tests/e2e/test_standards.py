"""Every public page, in both languages, at desktop and phone widths: zero axe-core violations
(WCAG 2.1 A/AA), zero Nu HTML Checker errors, and a screenshot as an artifact."""

from datetime import date

import pytest
from django.test import Client

from tests.e2e.checks import axe_violations, describe, html_errors
from tests.e2e.conftest import DESKTOP, PHONE, shared_demo_fixtures

SEED = "/tin-tuc/hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023/"

# Every public page type. Other apps add theirs here (e.g. the gallery's album page).
PAGES = {
    "home": "/",
    "article": SEED,
    "category": "/chuyen-muc/tin-tuc-su-kien/",
    "ward": "/phuong-xa/xa-vinh-chau/",  # a former unit split in two: names its successors
    "not-found": "/khong-co-trang-nay/",
    "search": "/tim-kiem/?q=chau+doc",
    "site-map": "/so-do-trang/",
    "feeds": "/tin-rss/",
    "weather": "/thoi-tiet/",
    "albums": "/hinh-anh/",
    "album": "/hinh-anh/hoi-nghi-tong-ket-giam-ngheo-ben-vung-2023/",
    "introduction": "/gioi-thieu/",
    "intro-page": "/gioi-thieu/ban-do-dia-gioi-chau-doc/",
    "org-chart": "/co-cau-to-chuc/",
    "leaders": "/lanh-dao/",
    "leader": "/lanh-dao/lanh-dao-1-chau-doc/",
    "contacts": "/lien-he/",
    "procedures": "/thu-tuc-hanh-chinh/?q=dang+ky",
    "schedule": "/lich-cong-tac/",
    "schedule-print": "/lich-cong-tac/{}/tuan-{}/in/".format(*date.today().isocalendar()),
    "questions": "/hoi-dap/",
    "question": lambda: _demo_question_url(),  # its code follows the row's number
    "ask": "/hoi-dap/dat-cau-hoi/",
    "question-status": "/hoi-dap/tra-cuu/",
    "consultations": "/lay-y-kien/",
    "consultation": "/lay-y-kien/du-thao-quy-che-quan-ly-cho-chau-doc/",
    "privacy": "/quyen-rieng-tu/",
    "documents": "/van-ban/",
    "documents-filtered": "/van-ban/?loai=quyet-dinh&hieu-luc=con&so=125",
    "document": "/van-ban/15-qd-ubnd-2026/",  # replaced: the notice and both relations
    "disclosure": "/cong-khai/",
    "plans": "/cong-khai/chien-luoc-ke-hoach/",
    "projects": "/cong-khai/du-an/",
    "project": "/cong-khai/du-an/nang-cap-tuyen-de-bao-chong-lu-khom-vinh-phu-du-an-mau/",
    "budget": "/cong-khai/ngan-sach/",
    "statistics": "/cong-khai/thong-ke/",
    "access": "/cong-khai/tiep-can-thong-tin/",
}
LANGUAGES = {"vi": "", "en": "/en"}


# Every test here only reads the demo: one worker loads it once for the whole module (what a
# test writes itself is rolled back).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group(__name__)]


# The demo with its jobs run: the article page is checked with its read-aloud player.
demo, live_url, _media_in_tmp = shared_demo_fixtures(run_jobs=True, DEBUG=False)


@pytest.fixture
def axe_page(browser):
    """A page whose context lets axe-core be injected despite the site's CSP."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def _demo_question_url():
    from participation.models import Question

    return Question.objects.public().order_by("pk").first().get_absolute_url()


def _url(language, page):
    path = PAGES[page]
    return LANGUAGES[language] + (path() if callable(path) else path)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_pages_have_no_accessibility_violations(demo, live_url, axe_page, shot, language, viewport):
    axe_page.set_viewport_size(viewport)
    failures = {}
    for page in PAGES:
        axe_page.goto(live_url + _url(language, page))
        shot(axe_page, f"{language}-{page}")
        violations = axe_violations(axe_page)
        if violations:
            failures[page] = describe(violations)
        assert axe_page.locator("h1").count() == 1, f"{page}: one h1 per page"
        stuck = _sideways_scroll(axe_page)
        assert not stuck, f"{page} scrolls sideways: {stuck}"
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


# Reading options: 200 % text, high contrast, keyboard ------------------------------------------

ROOT = "document.documentElement"
# Elements whose text is cut off: they hide their overflow and their content is wider or taller.
CLIPPED = """() => [...document.querySelectorAll('body *')].filter(el => {
    const style = getComputedStyle(el);
    if (el.closest('.visually-hidden') || style.display === 'none') return false;
    // Hidden from sight on purpose (a table's head on a phone): clipped to nothing.
    if (style.clip === 'rect(0px, 0px, 0px, 0px)') return false;
    const hides = v => v === 'hidden' || v === 'clip';
    const cut = (hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
    return cut && el.innerText.trim() !== '';
}).map(el => el.tagName.toLowerCase() + '.' + el.className)"""


# What sticks out past the right edge of the screen (for the failure message).
STICKING_OUT = """() => [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(-5).map(el => el.tagName.toLowerCase() + '.' + el.className + ' '
        + Math.round(el.getBoundingClientRect().right) + 'px')"""


def _sideways_scroll(page):
    """[what sticks out] when the page scrolls sideways, else []."""
    if page.evaluate(f"{ROOT}.scrollWidth <= {ROOT}.clientWidth"):
        return []
    return page.evaluate(STICKING_OUT) or ["(the page scrolls sideways)"]


def _press_until_disabled(page, name):
    button = page.get_by_role("button", name=name)
    while button.get_attribute("aria-disabled") != "true":
        button.click()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_pages_reflow_at_200_percent_text_on_a_320px_screen(demo, live_url, page, shot, language):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_url + _url(language, "home"))
    larger = "A+ (chữ lớn hơn)" if language == "vi" else "A+ (larger text)"
    _press_until_disabled(page, larger)
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "32px"  # 200 % of 16 px
    for name in PAGES:
        page.goto(live_url + _url(language, name))  # the choice is remembered
        assert page.evaluate(f"{ROOT}.dataset.textSize") == "4", name
        shot(page, f"{language}-{name}-200")
        stuck = _sideways_scroll(page)
        assert not stuck, f"{name} scrolls sideways at 200 %: {stuck}"
        assert page.evaluate(CLIPPED) == [], f"{name}: text clipped at 200 %"


def test_text_size_steps_down_and_back_and_is_remembered(demo, live_url, page):
    page.goto(live_url + "/")
    smaller = page.get_by_role("button", name="A- (chữ nhỏ hơn)")
    assert smaller.get_attribute("aria-disabled") == "false"
    smaller.click()
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "14px"  # 87.5 %: the least
    assert smaller.get_attribute("aria-disabled") == "true"
    smaller.dispatch_event("click")  # a click at the end of the scale changes nothing
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "14px"
    page.get_by_role("button", name="A+ (chữ lớn hơn)").click()
    page.get_by_role("button", name="A+ (chữ lớn hơn)").click()
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "20px"
    page.reload()
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "20px"
    assert page.evaluate("localStorage.getItem('chaudoc:text-size')") == "1"


def test_a_remembered_text_size_moves_nothing_after_the_first_paint(demo, live_url, page):
    page.goto(live_url + "/")
    _press_until_disabled(page, "A+ (chữ lớn hơn)")
    page.goto(live_url + SEED)
    shift = page.evaluate("""() => new Promise(done => {
        let total = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { total += e.value; }))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(total), 500);
    })""")
    assert shift == 0


def test_remembered_choices_are_applied_before_portal_js_runs(demo, live_url, page):
    """static/js/prefs.js (render-blocking, in <head>) applies them, not the deferred portal.js:
    with portal.js never arriving, the page is still drawn at the reader's size and contrast."""
    page.goto(live_url + "/")
    _press_until_disabled(page, "A+ (chữ lớn hơn)")
    page.get_by_role("button", name="Tương phản cao").click()
    page.route("**/js/portal.js", lambda route: route.abort())
    page.goto(live_url + SEED)
    assert page.evaluate(f"[{ROOT}.dataset.textSize, {ROOT}.dataset.contrast]") == ["4", "high"]
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "32px"
    assert not page.evaluate(f"{ROOT}.classList.contains('js')")  # portal.js did not run


def test_blocked_storage_leaves_the_defaults_and_working_buttons(demo, live_url, page):
    """localStorage can throw (private browsing, blocked site data): no error, default size and
    contrast, and the buttons still work for the page."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script("""Object.defineProperty(window, 'localStorage', {
        get() { throw new DOMException('blocked', 'SecurityError'); }});""")
    page.goto(live_url + SEED)
    assert page.evaluate(f"[{ROOT}.dataset.textSize, {ROOT}.dataset.contrast]") == [None, None]
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "16px"
    page.get_by_role("button", name="A+ (chữ lớn hơn)").click()
    assert page.evaluate(f"getComputedStyle({ROOT}).fontSize") == "20px"
    assert errors == []


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_high_contrast_pages_have_no_accessibility_violations(
    demo, live_url, axe_page, shot, language
):
    axe_page.set_viewport_size(PHONE)
    axe_page.goto(live_url + _url(language, "home"))
    toggle = axe_page.get_by_role(
        "button", name="Tương phản cao" if language == "vi" else "High contrast"
    )
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    failures = {}
    for name in PAGES:
        axe_page.goto(live_url + _url(language, name))
        assert axe_page.evaluate(f"{ROOT}.dataset.contrast") == "high", name
        shot(axe_page, f"{language}-{name}-contrast")
        violations = axe_violations(axe_page)
        if violations:
            failures[name] = describe(violations)
    assert not failures, "\n".join(f"{p}:\n{v}" for p, v in failures.items())


def test_keyboard_reaches_skip_link_menu_and_reading_options_with_visible_focus(
    demo, live_url, page
):
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0  # shown
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.goto(live_url + "/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(el => el.closest('nav.main-nav') ? 'menu'"
                " : el.dataset.contrastToggle !== undefined ? 'contrast'"
                " : el.textContent.trim())(document.activeElement)"
            )
        )
    assert "menu" in reached and "contrast" in reached
    page.keyboard.press("Shift+Tab")
    while page.evaluate("document.activeElement.dataset.contrastToggle") is None:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate(f"{ROOT}.dataset.contrast") == "high"


def test_the_article_is_checked_with_its_player_which_loads_nothing_until_played(
    demo, live_url, page
):
    """The demo's audio was made by its job: the page checked above carries the player, and
    the player fetches the MP3 only when the reader presses play, at the speed chosen."""
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_url + SEED)
    page.wait_for_load_state("networkidle")
    assert page.is_visible(".read-aloud audio") and page.is_visible("#read-aloud-rate")
    assert page.get_attribute("[data-read-aloud]", "preload") == "none"
    assert not [url for url in requests if url.endswith(".mp3")]
    page.select_option("#read-aloud-rate", "1.5")
    page.evaluate(
        "a => { a.muted = true; a.play().catch(() => null); }", page.query_selector("audio")
    )
    page.wait_for_timeout(500)
    assert page.evaluate("document.querySelector('audio').playbackRate") == 1.5
    assert [url for url in requests if url.endswith(".mp3")]
