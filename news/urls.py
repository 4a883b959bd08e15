from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("xem-truoc/tin-tuc/<int:pk>/", views.article_preview, name="preview"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("phuong-xa/<slug:slug>/", views.WardView.as_view(), name="ward"),
    path("tin-tuc/<int:pk>/luot-xem/", views.article_viewed, name="article_viewed"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed_rss"),
    path("atom/", feeds.LatestArticlesAtomFeed(), name="feed_atom"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.CategoryFeed(), name="category_rss"),
    path("chuyen-muc/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category_atom"),
    path("phuong-xa/<slug:slug>/rss/", feeds.WardFeed(), name="ward_rss"),
    path("phuong-xa/<slug:slug>/atom/", feeds.WardAtomFeed(), name="ward_atom"),
]
