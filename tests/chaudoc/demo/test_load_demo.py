import pytest
from django.core.management import call_command

from chaudoc.demo.articles import ARTICLES
from chaudoc.portals.current import forget
from chaudoc.wards.models import Ward
from news.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """A reader of `make run`'s own address (127.0.0.1: the demo's default portal)."""
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


SEED_SLUG = "hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023"


def test_load_demo_is_idempotent_and_serves_the_seed_article(client, caplog):
    with caplog.at_level("INFO", logger="chaudoc.pagecache.purge"):
        call_command("load_demo", articles=5, verbosity=0)
    # The page cache is told once, not once per row (it was hundreds of log lines), and the
    # site-wide tag it touches says it all (a line of 180 tags was printed before).
    purged = [r.getMessage() for r in caplog.records if r.name == "chaudoc.pagecache.purge"]
    assert purged == ["purge tags: *"]
    call_command("load_demo", articles=5, verbosity=0)
    assert Ward.objects.count() == 7
    assert Category.objects.filter(slug="tin-tuc-su-kien").exists()
    # the seed, 5 synthetic, 2 of each ward portal, the demo articles of phường Châu Đốc
    assert Article.objects.count() == 10 + len(ARTICLES)
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.title_vi == (
        "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023"
    )
    assert seed.body_vi.count("<img") == 2  # the first picture is the cover, not shown twice
    assert "Responsive image" not in seed.body_vi
    stored = Article.objects.filter(pk=seed.pk).values("cover_width", "cover_height").get()
    assert stored == {"cover_width": 1200, "cover_height": 800}  # pages never open the file
    home = client.get("/").content.decode()
    assert f'href="/tin-tuc/{SEED_SLUG}/"' in home
    assert client.get(f"/tin-tuc/{SEED_SLUG}/").status_code == 200
    ward_names = set(Ward.objects.values_list("name", flat=True))
    assert {"Châu Phú A", "Núi Sam", "Vĩnh Ngươn", "Vĩnh Tế"} <= ward_names


def test_dry_run_writes_nothing():
    call_command("load_demo", dry_run=True, verbosity=0)
    assert Article.objects.count() == 0
    assert Ward.objects.count() == 0


def test_load_demo_publishes_albums_with_renditions_made_at_load_time(client, settings):
    from gallery.models import Album

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent: no second set of photos
    albums = list(Album.objects.published())
    assert len(albums) == 2 and all(a.photos.count() == 6 for a in albums)
    for photo in albums[0].photos.all():
        for rendition in photo.rendition_files():
            assert (settings.MEDIA_ROOT / rendition.name).exists()
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.album == Album.objects.get(slug="hoi-nghi-tong-ket-giam-ngheo-ben-vung-2023")
    assert 'class="article-album"' in client.get(seed.get_absolute_url()).content.decode()
    assert 'class="gallery-block"' in client.get("/").content.decode()


def test_make_runs_home_page_is_a_living_portal(client):
    """`make run`'s first look: after load_demo the home page at 127.0.0.1 shows at least 12
    articles (every block full), both albums and a filled weather block that credits
    Open-Meteo and says the forecast is sample data; the footer carries the portal's details."""
    import re

    from gallery.demo import ALBUMS

    call_command("load_demo", verbosity=0)
    forget()  # the test's transaction never commits: the portals' change signal waits for it
    html = client.get("/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    articles = set(re.findall(r'href="(/tin-tuc/[^"/]+/)"', main))
    assert len(articles) >= 12, articles
    for path in articles:
        assert client.get(path).status_code == 200
    blocks = re.findall(r'<section class="category-block".*?</section>', main, re.S)
    assert len(blocks) == 3 and all(block.count('class="card') >= 4 for block in blocks)
    latest = main[main.index('id="latest-heading"') : main.index('class="home-aside"')]
    assert latest.count('class="card') >= 8
    for album in ALBUMS:
        assert album["title_vi"] in main
    weather = main[main.index('class="weather-block"') :]
    weather = weather[: weather.index("</section>")]
    assert 'class="weather-now' in weather and weather.count('class="weather-day"') >= 5
    assert "Open-Meteo" in weather and 'class="weather-sample"' in weather
    assert 'class="weather-stale"' not in weather
    footer = html[html.index("<footer") :]
    assert "Chịu trách nhiệm chính" in footer and "Giấy phép số 15/GP-TTĐT" in footer
    assert "0296 3866 001" in footer and "ubnd.chaudoc@angiang.gov.vn" in footer
    assert "ỦY BAN NHÂN DÂN" in html.upper() and "icons/emblem" in html
    # Each demo article has its own illustrative cover, labelled as such.
    demo = Article.objects.filter(title_vi__in=[a[4][0] for a in ARTICLES])
    assert demo.count() == len(ARTICLES)
    assert all(a.cover and "minh họa" in a.cover_alt_vi for a in demo)
    assert len({a.ward_id for a in demo if a.ward_id}) >= 3
    assert len({a.category_id for a in demo}) == 6


def test_a_real_fetch_replaces_the_sample_forecast(client):
    from weather.models import FetchLog, Location

    call_command("load_demo", verbosity=0)
    location = Location.objects.get(is_default=True)
    assert set(location.days.values_list("source", flat=True)) == {"open-meteo+sample"}
    location.days.update(source="open-meteo")  # as a real fetch writes them
    location.current.source = "open-meteo"
    location.current.save()
    FetchLog.objects.create(
        location=location,
        provider="open-meteo",
        started_at=location.current.fetched_at,
        outcome=FetchLog.Outcome.SUCCESS,
    )
    call_command("load_demo", verbosity=0)  # leaves a real forecast alone
    forget()
    assert set(location.days.values_list("source", flat=True)) == {"open-meteo"}
    html = client.get("/").content.decode()
    assert 'class="weather-sample"' not in html and "Open-Meteo" in html
