from django.urls import path

from gallery import views

app_name = "gallery"

urlpatterns = [
    path("hinh-anh/", views.AlbumListView.as_view(), name="list"),
    path("hinh-anh/<slug:slug>/", views.album_detail, name="album"),
    path("xem-truoc/hinh-anh/<int:pk>/", views.album_preview, name="preview"),
]
