"""Does a rendered page hold anything a browser would run? Parsed as a browser parses it.

Lexbor (through selectolax) implements the WHATWG parsing algorithm, so broken markup,
foreign (SVG/MathML) content and attribute break-outs end up in the same tree as in Chromium.
"""

import json
import re
from html import escape

from django.conf import settings
from django.urls import Resolver404, resolve
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

RUNNABLE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = {
    "href",
    "xlink:href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "codebase",
    "cite",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "icon",
    "srcset",
    "to",
    "from",
    "values",
    "by",
}
# Elements a page never needs from its content and an attacker always wants.
FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


def _url_scheme_runs(value):
    # Browsers drop leading/trailing spaces and any tab or newline inside a URL, and read the
    # scheme case-insensitively; control characters are treated the same way here.
    return _IGNORED_IN_URLS.sub("", value).lower().startswith(RUNNABLE_SCHEMES)


def _own_script(src):
    """A file of the site: under STATIC_URL, or the admin's JavaScript catalogue view."""
    if src.startswith(settings.STATIC_URL):
        return True
    if not src.startswith("/") or src.startswith("//"):
        return False
    try:
        return resolve(src.split("?", 1)[0]).url_name == "jsi18n"
    except Resolver404:
        return False


def _script_finding(node, attrs):
    script_type = (attrs.get("type") or "").strip().lower()
    text = node.text(deep=True)
    if script_type in DATA_BLOCK_TYPES:
        try:
            json.loads(text)
        except ValueError:
            return f"a {script_type} block that is not JSON (something broke out of it)"
        return None
    if _own_script(attrs.get("src") or "") and not text.strip():
        return None
    return f"a <script> that is not one of the site's own files: {node.html[:120]!r}"


def _node_findings(node):
    name = node.tag.lower()
    attrs = {key.lower(): value or "" for key, value in node.attributes.items()}
    found = []
    if name == "script":
        found.append(_script_finding(node, attrs))
    if name in FORBIDDEN_ELEMENTS:
        found.append(f"a <{name}> element")
    if name == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
        found.append("a <meta http-equiv=refresh>")
    if name == "link" and "import" in attrs.get("rel", "").lower():
        found.append("a <link rel=import>")
    for attr, value in attrs.items():
        if attr.startswith("on"):
            found.append(f"an event handler {attr}= on <{name}>")
        elif attr == "srcdoc":
            found.append(f"a srcdoc= on <{name}>")
        elif attr in URL_ATTRIBUTES and _url_scheme_runs(value):
            found.append(f"a runnable URL in {attr}= on <{name}>: {value[:60]!r}")
        elif attr == "style" and re.search(r"expression\(|javascript:", value, re.I):
            found.append(f"script in a style= on <{name}>")
    return [f for f in found if f]


_NOSCRIPT = re.compile(r"(<noscript\b[^>]*>)(.*?)(</noscript)", re.I | re.S)


def _as_with_scripting(html):
    """The document as a browser with JavaScript on reads it: Lexbor parses with scripting off,
    where <noscript> holds markup; with it on, <noscript> holds raw text up to the first
    "</noscript", wherever that stands (even inside an attribute)."""
    return _NOSCRIPT.sub(lambda m: m[1] + escape(m[2]) + m[3], html)


def executable_findings(html):
    """Everything in `html` that could run script in a browser, as readable strings."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    variants = [html]
    if "<noscript" in html.lower():
        variants.append(_as_with_scripting(html))
    findings = []
    for variant in variants:
        for node in LexborHTMLParser(variant).root.traverse(include_text=False):
            if not node.tag.startswith("-"):  # "-comment", "-doctype"
                findings += _node_findings(node)
    return list(dict.fromkeys(findings))


def feed_findings(xml):
    """Feeds: the fields readers' apps render as HTML (RSS description, Atom html text)."""
    root = etree.fromstring(xml)
    findings = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        as_html = name == "description" or (
            name in {"summary", "content", "title", "subtitle"} and element.get("type") == "html"
        )
        if as_html and element.text:
            findings += [f"feed <{name}>: {f}" for f in executable_findings(element.text)]
    return findings


def text_of(html, selector):
    """The text of each element matching the CSS `selector`, as a browser shows it."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    return [node.text(deep=True) for node in LexborHTMLParser(html).css(selector)]


def get_forms(html):
    """{action: {field names}} of the page's GET forms: the parameters readers send."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    forms = {}
    for form in LexborHTMLParser(html).css("form"):
        if (form.attributes.get("method") or "get").lower() != "get":
            continue
        names = {el.attributes.get("name") for el in form.css("input, select, textarea")}
        forms[form.attributes.get("action") or "."] = {n for n in names if n}
    return forms
