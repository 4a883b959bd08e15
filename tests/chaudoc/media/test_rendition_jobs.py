"""Renditions are made by a background job after the save, through the real queue and worker;
until then pages show the original image, never a rendition that is not there."""

import lxml.html
import pytest
from django.core.files.storage import default_storage
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import image_upload, make_article

pytestmark = pytest.mark.django_db(transaction=True)

JOB = "chaudoc.media.images.make_renditions_job"


def cover_and_og(client, article):
    doc = lxml.html.fromstring(client.get(article.get_absolute_url()).content)
    (img,) = doc.xpath("//figure[@class='cover']//img")
    og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
    return img, doc.xpath("//figure[@class='cover']/picture/source"), og


def test_a_new_cover_shows_as_its_original_until_its_job_has_made_the_renditions(client, run_jobs):
    article = make_article("Bài có ảnh bìa mới")
    article.cover = image_upload("bia.jpg", size=(1600, 1000))
    article.cover_alt_vi = "Ảnh bìa"
    article.save()
    assert DBTaskResult.objects.filter(task_path=JOB, status=TaskResultStatus.READY).count() == 1
    assert not any(default_storage.exists(f.name) for f in article.cover_renditions.files())
    img, sources, og = cover_and_og(client, article)
    assert img.get("src") == article.cover.url and not img.get("srcset") and not sources
    assert og["og:image"].endswith(article.cover.url)
    assert (og["og:image:width"], og["og:image:height"]) == ("1600", "1000")

    run_jobs()
    done = DBTaskResult.objects.get(task_path=JOB)
    assert done.status == TaskResultStatus.SUCCESSFUL and done.return_value == {"made": 11}
    img, (source,), og = cover_and_og(client, article)  # the cached page was dropped
    assert len(source.get("srcset").split(", ")) == 5 and img.get("srcset")
    assert og["og:image"].endswith(article.cover_og.url)
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")


def test_a_job_for_a_cover_replaced_since_makes_nothing(run_jobs):
    article = make_article("Bài đổi ảnh bìa")
    article.cover = image_upload("mot.jpg", size=(900, 600))
    article.save()
    first = [f.name for f in article.cover_renditions.files()]
    article.cover = image_upload("hai.jpg", size=(900, 600))
    article.save()
    run_jobs()
    results = sorted(
        r.return_value.get("made", 0) for r in DBTaskResult.objects.filter(task_path=JOB)
    )
    assert results == [0, 11]
    assert not any(default_storage.exists(name) for name in first)
