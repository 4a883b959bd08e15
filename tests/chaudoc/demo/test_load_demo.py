import pytest
from django.core.management import call_command

from chaudoc.wards.models import Ward
from news.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """A reader of `make run`'s own address (127.0.0.1: the demo's default portal)."""
    client.defaults["HTTP_HOST"] = "127.0.0.1"
    return client


SEED_SLUG = "hoi-nghi-tong-ket-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-nam-2023"


def test_load_demo_is_idempotent_and_serves_the_seed_article(client):
    call_command("load_demo", articles=5, verbosity=0)
    call_command("load_demo", articles=5, verbosity=0)
    assert Ward.objects.count() == 7
    assert Category.objects.filter(slug="tin-tuc-su-kien").exists()
    assert Article.objects.count() == 10  # the seed, 5 synthetic, 2 of each ward portal
    seed = Article.objects.get(slug=SEED_SLUG)
    assert seed.title_vi == (
        "Hội nghị tổng kết chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023"
    )
    assert seed.body_vi.count("<img") == 3
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
