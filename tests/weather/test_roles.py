"""What each role may do with the weather block, through the admin's own URLs (README,
"Weather, river level and urgent notices")."""

import pytest
from django.urls import reverse

from chaudoc.portals.current import default_portal
from tests.factories import (
    make_alert,
    make_editor,
    make_location,
    make_moderator,
    make_reading,
    make_staff,
    make_station,
    make_ward,
)

pytestmark = pytest.mark.django_db

EDITED = ["forecastday", "riverreading", "alert"]  # moderators add, change and delete these
SEEN = ["location", "station", "currentconditions", "fetchlog"]  # moderators only look


def status(client, model, page="changelist", *args):
    return client.get(reverse(f"admin:weather_{model}_{page}", args=args)).status_code


def test_moderators_enter_forecast_days_river_readings_and_notices(client):
    client.force_login(make_moderator())
    assert {model: status(client, model, "add") for model in EDITED} == dict.fromkeys(EDITED, 200)
    reading = make_reading(make_station(), "3.20")
    alert, everywhere = make_alert(portal=default_portal()), make_alert("Bão số 5")
    assert status(client, "riverreading", "change", reading.pk) == 200
    assert status(client, "alert", "delete", alert.pk) == 200
    # A notice of no portal shows on every portal of the install: a provincial administrator's.
    assert status(client, "alert", "delete", everywhere.pk) == 404


def test_moderators_see_locations_and_stations_but_only_administrators_change_them(
    client,
):
    station, location = make_station(), make_location()
    client.force_login(make_moderator())
    assert {model: status(client, model) for model in SEEN} == dict.fromkeys(SEEN, 200)
    assert status(client, "station", "add") == 403
    assert status(client, "location", "add") == 403
    response = client.post(
        reverse("admin:weather_station_change", args=[station.pk]), {"name": "Đổi tên"}
    )
    assert response.status_code == 403
    station.refresh_from_db()
    assert station.name == "Châu Đốc"
    client.force_login(make_staff("quantri", superuser=True))
    assert status(client, "station", "change", station.pk) == 200
    assert status(client, "location", "change", location.pk) == 200


def test_ward_editors_have_no_part_in_the_weather_block(client):
    client.force_login(make_editor("bientap", make_ward("Châu Phú A")))
    assert {model: status(client, model) for model in EDITED + SEEN} == dict.fromkeys(
        EDITED + SEEN, 403
    )
