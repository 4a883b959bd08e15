from django.urls import path

from weather import views

app_name = "weather"

urlpatterns = [
    path("thoi-tiet/", views.index, name="index"),
    path("thoi-tiet/<slug:slug>/", views.index, name="location"),
]
