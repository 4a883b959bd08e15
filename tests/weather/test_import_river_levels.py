from datetime import datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import NOW, make_reading, make_station
from weather.models import RiverReading

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def run(path, **options):
    out, err = StringIO(), StringIO()
    call_command("import_river_levels", str(path), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="ban-tin.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_load(tmp_path):
    station = make_station()
    path = write(
        tmp_path,
        (
            "time,level,source\n"
            "2026-11-25 07:00,2.95,Đài KTTV An Giang\n"  # line 2
            "2026-11-26 07:00,3,10,\n"  # line 3: unquoted decimal comma
            '26/11/2026 19:00,"3,12"\n'  # line 4: quoted decimal comma
            "ngày mai,3.2\n"  # line 5: bad time
            "2026-11-27 07:00,\n"  # line 6: no level
            "2026-11-27 08:00,42\n"  # line 7: absurd level
            "2030-01-01 07:00,3.0\n"  # line 8: future
        ),
    )
    out, err = run(path)
    assert "Loaded 2 readings; 0 duplicates ignored; 5 bad rows skipped." in out
    assert "line 3: 4 fields but the header has 3" in err
    assert "line 5: time 'ngày mai' is not a date and time" in err
    assert "line 6: the level is missing" in err
    assert "line 7: level '42' is outside" in err
    assert "line 8: time '2030-01-01 07:00' is in the future" in err
    assert "line 2" not in err and "line 4" not in err
    levels = dict(station.readings.values_list("measured_at", "level"))
    assert levels == {
        datetime(2026, 11, 25, 7, tzinfo=VN): Decimal("2.95"),
        datetime(2026, 11, 26, 19, tzinfo=VN): Decimal("3.12"),
    }
    assert station.readings.get(level=Decimal("2.95")).source == "Đài KTTV An Giang"
    assert station.readings.get(level=Decimal("3.12")).source == "CSV ban-tin.csv"


def test_duplicates_in_the_file_or_the_database_are_ignored(tmp_path):
    station = make_station()
    make_reading(station, "2.80", datetime(2026, 11, 25, 7, tzinfo=VN))
    path = write(
        tmp_path,
        "thời gian;mực nước\n25/11/2026 07:00;2,85\n26/11/2026 07:00;2,90\n26/11/2026 07:00;2,91\n",
    )
    out, _ = run(path)
    assert "Loaded 1 readings; 2 duplicates ignored; 0 bad rows skipped." in out
    assert station.readings.get(measured_at=datetime(2026, 11, 25, 7, tzinfo=VN)).level == (
        Decimal("2.80")
    )
    out, _ = run(path)
    assert "Loaded 0 readings; 3 duplicates ignored" in out


def test_station_column_and_unknown_stations(tmp_path):
    make_station()
    tan_chau = make_station("Tân Châu", river="Tiền", is_default=False)
    path = write(
        tmp_path,
        "station,time,level\nTân Châu,2026-11-26 07:00,3.3\nCần Thơ,2026-11-26 07:00,2.1\n",
    )
    out, err = run(path)
    assert tan_chau.readings.get().level == Decimal("3.30")
    assert "line 3: unknown station 'Cần Thơ'" in err


def test_dry_run_loads_nothing(tmp_path):
    make_station()
    out, _ = run(write(tmp_path, "time,level\n2026-11-26 07:00,3.1\n"), dry_run=True)
    assert "Would load 1 readings" in out
    assert RiverReading.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("when,height\n2026-11-26 07:00,3.1\n", "lacks time, level"),
        ("time,level\nx,y\n", "No reading loaded"),
    ],
)
def test_unusable_files_stop_with_a_clear_message(tmp_path, text, message):
    make_station()
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, text))
    assert RiverReading.objects.count() == 0


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "khong-co.csv")


def test_readers_see_imported_readings_at_once_despite_the_page_cache(
    client, tmp_path, django_capture_on_commit_callbacks
):
    make_station()
    assert client.get("/").headers["X-Page-Cache"] == "miss"
    assert client.get("/").headers["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        run(write(tmp_path, "time,level\n2026-11-27 07:00,3.21\n"))
    response = client.get("/")
    assert response.headers["X-Page-Cache"] == "miss"
    assert "3,21&nbsp;m" in response.content.decode()
