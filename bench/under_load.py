"""bench.py's rows for readers under pressure (issue 17): editors saving, a crawler, a flooder.

Each compares readers alone with the same readers while something else runs, both sides
measured alternately in rounds by bench.py's `alternately`:
- readers on 50 URLs with the cache warm, editors idle / while two ward editors save a draft
  each second and a moderator publishes an edit every 10 s, through the admin over HTTP;
- readers / while a crawler walks distinct article URLs (each one a cache miss) at 20 req/s;
- one client's home page through deploy/nginx.conf / while another floods it with unknown URLs
  and search queries (the flooder's answers are counted: it must get 429s).
Readers are wrk with a Lua script cycling over their URLs; the editors reuse mixed_load.py's
Editor (the admin's own HTML forms, as a browser sends them).
"""

import re
import subprocess
import threading
import time
from pathlib import Path

import httpx
from common import run_django
from mixed_load import SEED_STAFF, Editor, Stats, text_for

READERS = 16  # wrk connections of the readers

READER_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""

# Random unknown URLs and search terms; the statuses are counted per thread and summed in done().
FLOOD_SCRIPT = r"""
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  counts = {}
end
request = function()
  local n = math.random(1, 1000000000)
  if n % 2 == 0 then
    return wrk.format("GET", "/khong-co-" .. n .. "/")
  end
  return wrk.format("GET", "/tim-kiem/?q=tu" .. n)
end
response = function(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
end
"""

READER_URLS = """
from chaudoc.portals.current import portal_map
from django.urls import reverse
from gallery.models import Album
from news.models import Article, Category
from chaudoc.wards.models import Ward
p = portal_map().for_host('127.0.0.1')
articles = Article.objects.published().for_portal(p).order_by('-published_at')
urls = ['/']
urls += [a.get_absolute_url() for a in articles[:40]]
urls.append(Category.objects.filter(portal=p).order_by('order').first().get_absolute_url())
ward = Ward.objects.filter(portal=p).order_by('order').first() or Ward.objects.first()
urls.append(ward.get_absolute_url())
urls.append(reverse('search') + '?q=giam+ngheo')
album = Album.objects.published().first()
if album:
    urls.append(album.get_absolute_url())
urls += [a.get_absolute_url() for a in articles[40:40 + 50 - len(urls)]]
crawl = [a.get_absolute_url() for a in articles.order_by('published_at')[:int(sys.argv[1])]]
print(json.dumps({'readers': urls[:50], 'crawl': crawl}))
"""


def urls(env, crawl=5000):
    """The readers' 50 URLs and up to `crawl` distinct article URLs (the oldest first, far from
    the readers' newest)."""
    code = "import sys\n" + READER_URLS
    return run_django(env, code, str(crawl))


def script(tmp, name, text):
    path = Path(tmp) / f"{name}.lua"
    path.write_text(text)
    return str(path)


def reader_script(tmp, paths):
    quoted = ", ".join('"' + p.replace('"', '\\"') + '"' for p in paths)
    return script(tmp, "readers", READER_SCRIPT % quoted)


class Background:
    """Threads doing something (editors, a crawler, a flooder) while a measurement runs."""

    def __init__(self, *targets):
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=t, args=(self.stop,), daemon=True) for t in targets]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


class Editing:
    """Two ward editors save a draft each second, a moderator publishes an edit every 10 s,
    through the admin over HTTP. Counts saves and refusals; any 5xx is kept."""

    def __init__(self, env, base):
        seed = run_django(env, SEED_STAFF)
        self.stats = Stats()
        accounts = seed["accounts"]
        self.editors = [
            Editor(base, name, accounts[name]["password"], self.stats)
            for name in ("bientap-a", "bientap-b")
        ]
        self.moderator = Editor(base, "kiemduyet", accounts["kiemduyet"]["password"], self.stats)
        self.published = seed["articles"][:20]
        self.drafts = []
        for editor in self.editors:
            pk = editor.save_form(
                "/quan-tri/news/article/add/",
                {
                    **text_for(editor.username, "nháp", 0),
                    "category": str(seed["category"]),
                    "ward": str(accounts[editor.username]["ward"]),
                },
            )
            if pk is None:
                raise SystemExit(f"{editor.username} could not save a draft")
            self.drafts.append(pk)
        ids = run_django(
            env,
            "from news.models import Article\n"
            "from chaudoc.portals.current import portal_map\n"
            "p = portal_map().for_host('127.0.0.1')\n"
            "print(json.dumps(list(Article.objects.published().for_portal(p)"
            ".order_by('-published_at').values_list('pk', flat=True)[20:40])))",
        )
        self.moderated = ids
        self.saves = 0
        self.refused = 0
        self.lock = threading.Lock()

    def _count(self, ok):
        with self.lock:
            if ok:
                self.saves += 1
            else:
                self.refused += 1

    def _every(self, stop, seconds, action):
        n = 0
        while not stop.is_set():
            started = time.monotonic()
            n += 1
            self._count(action(n))
            stop.wait(max(0.0, seconds - (time.monotonic() - started)))

    def editor(self, index):
        editor, pk = self.editors[index], self.drafts[index]
        url = f"/quan-tri/news/article/{pk}/change/"
        return lambda stop: self._every(
            stop, 1.0, lambda n: editor.save_form(url, text_for(editor.username, pk, n))
        )

    def moderating(self, stop):
        def publish_edit(n):
            pk = self.moderated[n % len(self.moderated)]
            url = f"/quan-tri/news/article/{pk}/change/"
            return self.moderator.save_form(url, {"lead_vi": f"Tóm tắt kiểm duyệt {n}."})

        self._every(stop, 10.0, publish_edit)

    def running(self):
        return Background(self.editor(0), self.editor(1), self.moderating)


def crawler(base, paths, rate=20.0):
    """A crawler walking `paths` in order at `rate` requests a second, never one twice; returns
    (target for Background, a dict counting its answers)."""
    walked = {"requests": 0, "statuses": {}}
    queue = iter(paths)

    def crawl(stop):
        with httpx.Client(base_url=base, timeout=30) as client:
            next_at = time.monotonic()
            while not stop.is_set():
                path = next(queue, None)
                if path is None:
                    return
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError:
                    status = 0
                walked["requests"] += 1
                walked["statuses"][status] = walked["statuses"].get(status, 0) + 1
                next_at += 1.0 / rate
                stop.wait(max(0.0, next_at - time.monotonic()))

    return crawl, walked


def flooder(tmp, url, counted, connections=8):
    """wrk flooding `url` with random unknown URLs and searches until stopped; adds the
    statuses it got to `counted`."""
    lua = script(tmp, "flood", FLOOD_SCRIPT)

    def flood(stop):
        while not stop.is_set():
            out = subprocess.run(
                ["wrk", "-t2", f"-c{connections}", "-d2s", "--timeout=2s", "-s", lua, url],
                capture_output=True,
                text=True,
            ).stdout
            for status, n in re.findall(r"^status (\d+) (\d+)$", out, re.M):
                counted[int(status)] = counted.get(int(status), 0) + int(n)

    return flood


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])
