from django.urls import path

from documents import feeds, views

app_name = "documents"

urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/loai/<slug:slug>/rss/", feeds.DocumentTypeFeed(), name="type_rss"),
    path("van-ban/tep/<int:pk>/<str:name>", views.attachment_file, name="file"),
    path("van-ban/<slug:slug>/", views.document_detail, name="detail"),
    path("xem-truoc/van-ban/<int:pk>/", views.document_preview, name="preview"),
    path("cong-khai/", views.disclosure_index, name="disclosures"),
    path("cong-khai/chien-luoc-ke-hoach/", views.plans, name="plans"),
    path("cong-khai/du-an/", views.project_list, name="projects"),
    path("cong-khai/du-an/<slug:slug>/", views.project_detail, name="project"),
    path("cong-khai/ngan-sach/", views.budget, name="budget"),
    path("cong-khai/thong-ke/", views.statistics, name="statistics"),
    path("cong-khai/tiep-can-thong-tin/", views.access_to_information, name="access"),
]
