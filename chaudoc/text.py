"""Vietnamese-aware text helpers shared by every app: slugs and rich-text sanitising."""

import re
import unicodedata

import nh3
from django.utils.text import slugify as django_slugify

# đ/Đ have no Unicode decomposition, so a plain NFKD fold drops them ("Châu Đốc" -> "chau-oc").
_VIETNAMESE_EXTRA = str.maketrans({"đ": "d", "Đ": "D"})


def fold_accents(value):
    """'Châu Đốc giảm nghèo' -> 'Chau Doc giam ngheo' (tone marks and đ folded)."""
    decomposed = unicodedata.normalize("NFKD", str(value).translate(_VIETNAMESE_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value, max_length=200):
    """ASCII slug that reads right for Vietnamese: 'Châu Đốc' -> 'chau-doc'."""
    slug = django_slugify(fold_accents(value))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def unique_slug(model, value, instance_pk=None, field="slug", max_length=200):
    """A slug for `value` not yet used by another row of `model` (suffixes -2, -3, ...)."""
    base = slugify(value, max_length=max_length - 6) or "bai-viet"
    others = model._default_manager.all()
    if instance_pk:
        others = others.exclude(pk=instance_pk)
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# What the editor may write (CKEditor's Advanced Content Filter, settings.CKEDITOR_CONFIGS):
# exactly what the sanitiser keeps, so the editor offers no button, format or dialog field whose
# result the server would throw away (a width in a style, a border, alignment, a class).
EDITOR_REQUIRED_ATTRIBUTES = {"a": "href", "img": "src"}


def editor_allowed_content():
    """The allow-list in CKEditor's rule syntax: "p br ...; a[!href,title]; img[!src,alt]"."""
    plain = sorted(ALLOWED_TAGS - set(ALLOWED_ATTRIBUTES))
    rules = [" ".join(plain)]
    for tag, attributes in sorted(ALLOWED_ATTRIBUTES.items()):
        required = EDITOR_REQUIRED_ATTRIBUTES.get(tag)
        names = [f"!{name}" if name == required else name for name in sorted(attributes)]
        rules.append(f"{tag}[{','.join(names)}]")
    return "; ".join(rules)


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def sanitize_html(html, lazy_images=False):
    """Clean editor HTML against an allow-list.

    No scripts, no event handlers, no style attributes (so nothing can be hidden or overlaid),
    and only http(s), mailto and site-relative URLs. Links to other sites get rel=noopener.
    With lazy_images (on output), pictures load only as the reader scrolls to them.
    """
    if not html:
        return ""
    return nh3.clean(
        _CONTROL_CHARS.sub("", str(html)),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values=_LAZY_IMAGES if lazy_images else None,
    ).strip()


_LAZY_IMAGES = {"img": {"loading": "lazy", "decoding": "async"}}

# In sanitised HTML (well-formed, no nested figures): a figure whole, or a picture outside one.
_PICTURES = re.compile(r"<figure\b.*?</figure>|<img\b[^>]*>", re.DOTALL)


def pictures_of(html):
    """The pictures of editor HTML, in their order, as a body of their own: each figure whole
    (its picture and its caption, to translate), each picture outside a figure in a paragraph
    of its own. Empty when there is no picture."""
    found = _PICTURES.findall(sanitize_html(html))
    return "\n".join(part if part.startswith("<figure") else f"<p>{part}</p>" for part in found)


def same_html(first, second):
    """Whether two editor bodies are the same once sanitised (the editor may reformat)."""
    return " ".join(sanitize_html(first).split()) == " ".join(sanitize_html(second).split())
