"""Pages holding every XSS payload, loaded in Chromium: no dialog opens, the DOM holds no
injected handler or script, and the Content-Security-Policy stops an inline script that is
injected on purpose."""

from itertools import cycle

import pytest
from django.apps import apps

from tests.factories import make_staff
from tests.security.stage import build, editor_for, superuser_request, type_into, typed_fields
from tests.security.xss_payloads import PAYLOADS

COUNT = 8  # objects of each model; the payloads are dealt out over their fields

# Everything in the live DOM that could run: handlers, scripts that are not the site's files
# or data blocks, runnable URLs, frames and plugins.
FIND_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020\\u007f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`${el.tagName} ${name}=${value}`);
      }
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) found.push(tag);
    if (tag === 'script') {
      const type = (el.getAttribute('type') || '').toLowerCase();
      const src = el.getAttribute('src') || '';
      const own = src.startsWith('/static/') && !el.textContent.trim();
      if (!own && type !== 'application/ld+json') {
        found.push(`script ${el.outerHTML.slice(0, 80)}`);
      }
    }
  }
  return found;
}"""

INJECT = """() => new Promise(resolve => {
  const violations = [];
  document.addEventListener('securitypolicyviolation',
    e => violations.push(e.violatedDirective));
  const script = document.createElement('script');
  script.textContent = 'window.__pwned = 1';
  document.body.appendChild(script);
  const holder = document.createElement('div');
  holder.innerHTML = '<img src="/static/none.png" onerror="window.__pwned2 = 1">';
  document.body.appendChild(holder);
  setTimeout(() => resolve({violations, pwned: window.__pwned, pwned2: window.__pwned2}), 500);
})"""


@pytest.fixture
def hostile_site(transactional_db):
    root = make_staff("quantri", superuser=True)
    request = superuser_request(root)
    stage = build(range(COUNT))
    payloads = cycle(PAYLOADS)
    for label, objects in stage.items():
        model_admin = editor_for(apps.get_model(label), request)
        for obj in objects:
            fields = typed_fields(model_admin, request, obj)
            type_into(model_admin, request, obj, {f: next(payloads) for f in fields})
    return stage


def _paths(stage):
    paths = [
        "/",
        "/en/",
        "/thoi-tiet/",
        "/tim-kiem/?q=alert+script",
        "/tim-kiem/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&page=%22%3E%3Csvg%20onload%3D1%3E",
    ]
    for article in stage["news.article"]:
        paths += [article.get_absolute_url(), "/en" + article.get_absolute_url()]
    paths += [c.get_absolute_url() for c in stage["news.category"]]
    paths += [w.get_absolute_url() for w in stage["chaudoc.ward"]]
    return paths


def test_pages_holding_every_payload_run_none_of_them(hostile_site, live_url, page, shot):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in _paths(hostile_site):
        response = page.goto(live_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert page.evaluate(FIND_INJECTED) == [], path
        assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    page.goto(live_url + hostile_site["news.article"][0].get_absolute_url())
    shot(page, "article-holding-payloads")


def test_the_csp_stops_an_inline_script_injected_on_purpose(hostile_site, live_url, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_url + hostile_site["news.article"][0].get_absolute_url())
    result = page.evaluate(INJECT)
    assert result["pwned"] is None and result["pwned2"] is None
    assert "script-src-elem" in result["violations"] or "script-src" in result["violations"]
    assert "script-src-attr" in result["violations"] or len(result["violations"]) >= 2
    assert any("Content Security Policy" in text for text in messages)
    # The DOM check of the other test sees such an element (so its silence there means something).
    assert any("onerror" in found for found in page.evaluate(FIND_INJECTED))
