from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.cache import never_cache

from chaudoc.media.uploads import editor_browse, editor_upload
from chaudoc.pages import seo, views
from chaudoc.pages.sitemaps import sections
from chaudoc.ratings.views import rate
from chaudoc.search.views import search_view
from news import views as news_views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("ckeditor/upload/", staff_member_required(editor_upload), name="ckeditor_upload"),
    path(
        "ckeditor/browse/",
        staff_member_required(never_cache(editor_browse)),
        name="ckeditor_browse",
    ),
    path("captcha/", include("captcha.urls")),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        seo.sitemap_index,
        {"sitemaps": sections(), "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sections()},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("tim-kiem/", search_view, name="search"),
    path("so-do-trang/", seo.site_map, name="site_map"),
    path("danh-gia/", rate, name="rate"),
    path("tin-rss/", news_views.feeds_page, name="feeds"),
    path("quan-tri/", include("chaudoc.signin.urls")),  # sign-in and 2FA, before the admin
    path("quan-tri/", admin.site.urls),
    path("", include("news.urls")),
    path("", include("gallery.urls")),
    path("", include("weather.urls")),
    path("", include("about.urls")),
    path("", include("schedule.urls")),
    path("", include("participation.urls")),
    path("", include("documents.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", views.media, {"document_root": settings.MEDIA_ROOT})]

handler404 = "chaudoc.pages.views.page_not_found"
handler500 = "chaudoc.pages.views.server_error"
