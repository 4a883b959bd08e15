from django.urls import path

from schedule import views

app_name = "schedule"

urlpatterns = [
    path("lich-cong-tac/", views.this_week, name="this_week"),
    path("lich-cong-tac/<int:year>/tuan-<int:week>/", views.week_view, name="week"),
    path("lich-cong-tac/<int:year>/tuan-<int:week>/in/", views.print_view, name="print"),
    path("lich-cong-tac/lich.ics", views.ical_feed, name="ical"),
]
