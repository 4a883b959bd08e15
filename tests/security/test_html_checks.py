"""The checker behind the hostile-input tests finds what it must (a checker that finds nothing
would make those tests pass whatever the templates do)."""

import pytest

from tests.security.html_checks import executable_findings, feed_findings
from tests.security.xss_payloads import PAYLOADS

PAGE = (
    '<!DOCTYPE html><html><head><script src="/static/js/portal.js" defer></script>'
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script></head>'
    "<body><h1>CONTENT</h1></body></html>"
)
RUNNABLE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
    '<a href="data:text/html,x">x</a>',
    "<iframe srcdoc='x'></iframe>",
    '<form><button formaction="javascript:alert(1)">x</button></form>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<meta http-equiv="refresh" content="0;url=/">',
    "<object data=x></object>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<script src="//evil.example/x.js"></script>',
    '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
]


def test_the_site_s_own_scripts_and_data_blocks_pass():
    assert executable_findings(PAGE.replace("CONTENT", "Tin tức")) == []


@pytest.mark.parametrize("markup", RUNNABLE)
def test_markup_that_would_run_is_found(markup):
    assert executable_findings(PAGE.replace("CONTENT", markup)), markup


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payloads_are_inert(payload):
    from django.utils.html import escape

    assert executable_findings(PAGE.replace("CONTENT", escape(payload))) == []


def test_a_feed_description_is_read_as_html():
    from django.utils.html import escape

    feed = "<rss><channel><item><description>{}</description></item></channel></rss>"
    assert feed_findings(feed.format(escape("<img src=x onerror=alert(1)>")).encode())
    assert not feed_findings(feed.format(escape(escape("<img src=x onerror=1>"))).encode())


def test_the_corpus_is_large_and_varied():
    from tests.security import xss_payloads as corpus

    assert len(PAYLOADS) >= 60 and len(set(PAYLOADS)) == len(PAYLOADS)
    families = [
        corpus.SCRIPT_TAGS,
        corpus.EVENT_HANDLERS,
        corpus.URLS,
        corpus.SVG_AND_MATHML,
        corpus.BROKEN_MARKUP,
        corpus.ENCODED,
        corpus.TEMPLATE_SYNTAX,
        corpus.UNICODE_TRICKS,
    ]
    assert all(len(family) >= 5 for family in families)
