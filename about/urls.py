from django.urls import path

from about import views

app_name = "about"

urlpatterns = [
    path("gioi-thieu/", views.index, name="index"),
    path("gioi-thieu/<slug:slug>/", views.page_detail, name="page"),
    path("gioi-thieu/<slug:slug>/tep/<str:name>", views.page_file, name="file"),
    path("xem-truoc/gioi-thieu/<int:pk>/", views.page_preview, name="preview"),
    path("co-cau-to-chuc/", views.chart, name="chart"),
    path("lanh-dao/", views.leaders, name="leaders"),
    path("lanh-dao/<slug:slug>/", views.leader_detail, name="leader"),
    path("lien-he/", views.contacts, name="contacts"),
    path("thu-tuc-hanh-chinh/", views.procedures, name="procedures"),
]
