"""Residents for bench/mixed_load.py: people who ask questions ("Hỏi đáp") and rate pages
("Thông tin này có hữu ích không?") through nginx, as a browser does it.

Each resident is one person on one connection address. nginx keys its limits on the address
it sees ($binary_remote_addr; deploy/nginx.conf has no set_real_ip), so a resident's
connections leave from an address of its own on loopback (127.0.0.0/8 is all loopback on
Linux: 127.1.x.y, bound with httpx's local_address). nginx sees that address, appends it to
X-Forwarded-For, and the app (chaudoc.pages.security.client_ip: the connection is nginx on
127.0.0.1, a trusted proxy) keys its own per-address counter on it too. No header is forged:
the addresses are real sources of real TCP connections, as many residents behind many
addresses are in production.

How they pass the anti-abuse checks, as a real resident does, with production's defaults
(PARTICIPATION_LIMITS: the challenge from the 4th form of an address in an hour, nothing
stored past the 10th; nginx: 20 anonymous POSTs a minute per address, a burst of 10):
- the honeypot field `website` is left empty (a person never sees it);
- the CSRF token comes from the form page they opened;
- when the form shows the challenge, they answer its accessible alternative, the question in
  words ("năm cộng ba"), in digits, as someone who cannot read the picture does;
- a resident asks at most five questions and rates a few pages, pausing between them (a person
  reads and types), so neither limit is reached; then the next resident comes, from a new
  address.
A hasty resident (--hasty) does the opposite on purpose: one address, no pause, for the whole
run. It gets 429s from nginx and from the app; those must store nothing.
"""

import random
import re
import threading
import time
from collections import Counter

import httpx
import lxml.html

# participation.abuse.NUMBERS: the words of the text question.
NUMBERS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"]
CHALLENGE = re.compile(r"(\w+) cộng (\w+)")
CODE = re.compile(r'class="tracking-code">([^<]+)<')
COUNTED = "Cảm ơn bạn đã đánh giá"  # "Thank you for your rating": a row was stored
ALREADY = "đã đánh giá trang này"  # "You have already rated this page today"
TITLE_PREFIX = "Câu hỏi thử tải"
EMAIL_DOMAIN = "cu-dan.example.vn"
REASONS = ["", "", "clear", "complete", "unclear", "incomplete", "outdated", "other"]


def answer_words(text):
    """The digits that answer the text question found in `text` ("năm cộng ba" -> "8"), or
    None."""
    match = CHALLENGE.search(text)
    if not match or match[1] not in NUMBERS or match[2] not in NUMBERS:
        return None
    return str(NUMBERS.index(match[1]) + NUMBERS.index(match[2]))


def question_form(html):
    """(fields to post, the text question's answer or None) of the question form page."""
    doc = lxml.html.fromstring(html)
    form = next(f for f in doc.forms if "resident-form" in (f.get("class") or ""))
    data = {k: v for k, v in form.form_values() if k not in ("consent", "may_publish")}
    topics = [o.get("value") for o in form.xpath('.//select[@name="topic"]/option')]
    wards = [o.get("value") for o in form.xpath('.//select[@name="ward"]/option')]
    answer = None
    if data.get("captcha_text_key"):
        label = form.xpath('.//label[@for="id_captcha_text_answer"]')
        answer = answer_words(label[0].text_content() if label else "")
    return data, topics, wards, answer


def question_data(html, rng, who, n):
    """What a resident posts on the question form page `html`: (fields, title, whether the
    challenge was shown). The challenge is answered by its text question."""
    data, topics, wards, answer = question_form(html)
    title = f"{TITLE_PREFIX} {who}-{n}"
    data.update(
        {
            "name": "Nguyễn Văn Thử",
            "email": f"{who}-{n}@{EMAIL_DOMAIN}",
            "phone": "",
            "ward": rng.choice(wards),
            "topic": rng.choice([t for t in topics if t]),
            "title": title,
            "question": "Xin hỏi thủ tục đăng ký tạm trú cần những giấy tờ gì?",
            "consent": "on",
            "website": "",  # the honeypot, hidden from people
        }
    )
    if rng.random() < 0.5:
        data["may_publish"] = "on"
    challenged = bool(data.get("captcha_text_key"))
    if challenged:
        data["captcha_text_answer"] = answer or ""
    return data, title, challenged


def rating_form(html):
    """The `target` of the page's rating form, or None."""
    doc = lxml.html.fromstring(html)
    targets = doc.xpath('//form[@action="/danh-gia/"]//input[@name="target"]/@value')
    return targets[0] if targets else None


class Ledger:
    """What the residents were told: questions acknowledged (code -> title), ratings counted
    (target -> how many), and the 429s (from nginx, or from the app's counter)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.questions = {}
        self.duplicate_codes = []
        self.ratings = Counter()
        self.repeats = 0  # "already rated today": acknowledged, nothing stored by design
        self.limited = Counter()
        self.refused = Counter()
        self.challenges = 0
        self.residents = 0

    def asked(self, code, title):
        with self.lock:
            if code in self.questions:
                self.duplicate_codes.append(code)
            self.questions[code] = title

    def rated(self, target, counted):
        with self.lock:
            if counted:
                self.ratings[target] += 1
            else:
                self.repeats += 1

    def note(self, counter, key):
        with self.lock:
            getattr(self, counter)[key] += 1


class Resident:
    def __init__(self, base, address, stats, ledger, name, hasty=False):
        self.client = httpx.Client(
            base_url=base,
            timeout=60,
            transport=httpx.HTTPTransport(local_address=address),
            headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14) bench-resident"},
        )
        self.stats, self.ledger, self.name, self.n = stats, ledger, name, 0
        self.who = "hasty" if hasty else "paced"

    def close(self):
        self.client.close()

    def request(self, kind, method, url, **kwargs):
        started = time.perf_counter()
        try:
            response = self.client.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            self.stats.failure(kind, error)
            return None
        self.stats.record(kind, url, response.status_code, time.perf_counter() - started)
        if response.status_code == 429:
            # nginx's own page says "Quá nhiều yêu cầu"; the app's names the time to come back.
            source = "app" if "notice-limited" in response.text else "nginx"
            self.ledger.note("limited", f"{self.who} {kind} ({source})")
        return response

    def ask(self, rng):
        page = self.request("resident GET", "GET", "/hoi-dap/dat-cau-hoi/")
        if page is None or page.status_code != 200:
            return
        self.n += 1
        data, title, challenged = question_data(page.text, rng, self.name, self.n)
        if challenged:
            with self.ledger.lock:
                self.ledger.challenges += 1
            if not data["captcha_text_answer"]:
                self.ledger.note("refused", "text question not found")
        response = self.request("resident question", "POST", "/hoi-dap/dat-cau-hoi/", data=data)
        if response is None:
            return
        code = CODE.search(response.text) if response.status_code == 200 else None
        if code:
            self.ledger.asked(code[1].strip(), title)
        elif response.status_code != 429:
            self.ledger.note("refused", f"question {response.status_code}")

    def rate(self, rng, pages):
        """Rate an article (three times in four) or a published answer: `pages` maps each kind
        to its URLs."""
        kinds = [k for k in ("articles", "answers") if pages.get(k)]
        weights = [3 if k == "articles" else 1 for k in kinds]
        url = rng.choice(pages[rng.choices(kinds, weights)[0]])
        page = self.request("resident GET", "GET", url)
        if page is None or page.status_code != 200:
            return
        target = rating_form(page.text)
        if target is None:
            self.ledger.note("refused", "no rating form")
            return
        data = {"target": target, "helpful": rng.choice(["yes", "no"])}
        data["reason"] = rng.choice(REASONS)
        response = self.request("resident rating", "POST", "/danh-gia/", data=data)
        if response is None or response.status_code != 200:
            if response is not None and response.status_code != 429:
                self.ledger.note("refused", f"rating {response.status_code}")
            return
        if COUNTED in response.text:
            self.ledger.rated(target, True)
        elif ALREADY in response.text:
            self.ledger.rated(target, False)
        else:
            self.ledger.note("refused", "rating answer unknown")


def address(n):
    """The n-th resident's loopback address: 127.1.0.1, 127.1.0.2, ... (never 127.0.0.1,
    nginx's own address, the one trusted proxy)."""
    n += 1
    return f"127.1.{n // 250}.{n % 250 + 1}"


def resident_loop(base, pages, stats, ledger, start_at, deadline, seed, next_address):
    """One resident after another until the deadline: each from a new address, asking one to
    five questions and rating one to four pages, in a random order, pausing 1-4 s between."""
    rng = random.Random(seed)
    while time.monotonic() < start_at:
        time.sleep(0.2)
    while time.monotonic() < deadline:
        resident = Resident(base, next_address(), stats, ledger, f"r{seed}-{ledger.residents}")
        with ledger.lock:
            ledger.residents += 1
        actions = ["ask"] * rng.randint(1, 5) + ["rate"] * rng.randint(1, 4)
        rng.shuffle(actions)
        try:
            for action in actions:
                if time.monotonic() >= deadline:
                    break
                resident.ask(rng) if action == "ask" else resident.rate(rng, pages)
                time.sleep(rng.uniform(1, 4))
        finally:
            resident.close()


def hasty_loop(base, pages, stats, ledger, start_at, deadline, seed, address):
    """One address sending questions and ratings back to back (half a second apart)."""
    rng = random.Random(seed)
    while time.monotonic() < start_at:
        time.sleep(0.2)
    resident = Resident(base, address, stats, ledger, f"hasty{seed}", hasty=True)
    try:
        while time.monotonic() < deadline:
            resident.ask(rng) if rng.random() < 0.5 else resident.rate(rng, pages)
            time.sleep(0.5)
    finally:
        resident.close()
