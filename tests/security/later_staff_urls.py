"""The project's URLs plus two staff views such as someone might add later, outside the admin,
in either style (tests/security/test_two_step_everywhere.py). Imported only by the test that
mounts it, so the URLs are built with the test settings (DEBUG off)."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.urls import path

from chaudoc.urls import handler404, handler500  # noqa: F401
from chaudoc.urls import urlpatterns as project_urlpatterns

SECRET = "Bản nháp mật phường A"  # a title the walk looks for
ALBUM_SECRET = "Album nháp mật phường A"


@staff_member_required
def _staff_report(request):
    return HttpResponse(SECRET)


def _staff_check(request, pk):
    if not request.user.is_staff:
        raise Http404
    return HttpResponse(ALBUM_SECRET)


urlpatterns = [
    path("bao-cao-noi-bo/", _staff_report, name="staff_report"),
    path("thong-ke/<int:pk>/", _staff_check, name="staff_stats"),
    *project_urlpatterns,
]
