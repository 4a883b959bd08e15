"""Sign-in and two-factor pages, mounted under the admin's prefix before the admin itself (the
login page here takes the place of the admin's own)."""

from django.urls import path

from chaudoc.signin import views as auth_views

app_name = "twofactor"

urlpatterns = [
    path("login/", auth_views.login, name="login"),
    path("login/ma-xac-thuc/", auth_views.verify, name="verify"),
    path("xac-thuc-hai-buoc/", auth_views.enrol, name="enrol"),
    path("xac-thuc-hai-buoc/ma-khoi-phuc/", auth_views.recovery_codes, name="recovery_codes"),
]
