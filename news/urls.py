from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("tin-tuc/<slug:slug>/", views.article_detail, name="article"),
    path("xem-truoc/tin-tuc/<int:pk>/", views.article_preview, name="preview"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("phuong-xa/<slug:slug>/", views.WardView.as_view(), name="ward"),
]
