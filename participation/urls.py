from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    path("hoi-dap/", views.question_list, name="questions"),
    path("hoi-dap/dat-cau-hoi/", views.ask, name="ask"),
    path("hoi-dap/tra-cuu/", views.status, name="status"),
    path("hoi-dap/linh-vuc/<slug:slug>/", views.question_list, name="topic"),
    path("hoi-dap/<slug:code>/", views.question_detail, name="question"),
    path("lay-y-kien/", views.consultation_list, name="consultations"),
    path("lay-y-kien/<slug:slug>/", views.consultation_detail, name="consultation"),
    path("quyen-rieng-tu/", views.privacy, name="privacy"),
]
