import csv
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chaudoc.pagecache.tags import invalidate
from weather.models import PAGE_CACHE_TAGS, RiverReading, Station

# Accepted column names (English or Vietnamese, with or without tone marks).
COLUMNS = {
    "station": {"station", "tram", "trạm"},
    "time": {"time", "thoi_gian", "thời gian", "thoi gian"},
    "level": {"level", "muc_nuoc", "mực nước", "muc nuoc"},
    "source": {"source", "nguon", "nguồn"},
}
TIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"]
LOW, HIGH = Decimal("-5"), Decimal("15")


class BadRow(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Load river level readings from a bulletin's CSV file (columns: time, level, and "
        "optionally station and source). Bad rows are reported with their line numbers and "
        "skipped; readings already stored are ignored; the good rows are loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file, UTF-8, comma- or semicolon-separated.")
        parser.add_argument(
            "--station",
            help="Slug or name of the station for rows without a station column "
            "(default: the default station).",
        )
        parser.add_argument("--source", default="", help="Source for rows that name none.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only.")

    def handle(self, *args, file, station, source, dry_run, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        self.default_station = (
            self.find_station(station)
            if station
            else (Station.objects.filter(is_active=True).first())
        )
        self.default_source = source or f"CSV {path.name}"
        self.now = timezone.now()
        readings, bad = self.parse(text)
        new, duplicates = self.split_duplicates(readings)
        with transaction.atomic():
            RiverReading.objects.bulk_create(new, ignore_conflicts=True)
            # bulk_create sends no post_save: tell the page cache.
            transaction.on_commit(lambda: invalidate(*PAGE_CACHE_TAGS))
            if dry_run:
                transaction.set_rollback(True)
        for line, reason in bad:
            self.stderr.write(self.style.WARNING(f"line {line}: {reason}"))
        verb = "Would load" if dry_run else "Loaded"
        summary = (
            f"{verb} {len(new)} readings; {duplicates} duplicates ignored; "
            f"{len(bad)} bad rows skipped."
        )
        if bad and not new and not duplicates:
            raise CommandError(f"No reading loaded from {path.name}: {summary}")
        self.stdout.write(self.style.SUCCESS(summary))

    def find_station(self, wanted):
        station = Station.objects.filter(Q(slug=wanted) | Q(name__iexact=wanted)).first()
        if station is None:
            raise CommandError(f"No station {wanted!r}: add it in the admin first.")
        return station

    def parse(self, text):
        lines = text.splitlines()
        if not lines or not lines[0].strip():
            raise CommandError("The file is empty: it needs a header row (time,level).")
        delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
        reader = csv.reader(lines, delimiter=delimiter)
        header = next(reader)
        columns = self.header(header)
        readings, bad = [], []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            try:
                if len(row) > len(header):
                    raise BadRow(
                        f"{len(row)} fields but the header has {len(header)} "
                        "(a decimal comma? quote the number or separate with ';')"
                    )
                readings.append(self.reading(row, columns))
            except BadRow as exc:
                bad.append((reader.line_num, str(exc)))
        return readings, bad

    def header(self, row):
        names = [cell.strip().lower() for cell in row]
        columns = {}
        for key, aliases in COLUMNS.items():
            found = [i for i, name in enumerate(names) if name in aliases]
            if found:
                columns[key] = found[0]
        missing = [key for key in ("time", "level") if key not in columns]
        if missing:
            raise CommandError(
                f"The header row lacks {', '.join(missing)} (found: {', '.join(names)})."
            )
        if "station" not in columns and self.default_station is None:
            raise CommandError("No station column and no station: use --station or add one.")
        return columns

    def reading(self, row, columns):
        def cell(key):
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        station = self.default_station
        if cell("station"):
            station = self.station_named(cell("station"))
        return RiverReading(
            station=station,
            measured_at=self.parse_time(cell("time")),
            level=self.parse_level(cell("level")),
            source=cell("source")[:120] or self.default_source,
        )

    def station_named(self, name):
        cache = self.__dict__.setdefault("_stations", {})
        if name not in cache:
            cache[name] = Station.objects.filter(Q(slug=name) | Q(name__iexact=name)).first()
        if cache[name] is None:
            raise BadRow(f"unknown station {name!r}")
        return cache[name]

    def parse_time(self, value):
        if not value:
            raise BadRow("the time is missing")
        moment = None
        for fmt in TIME_FORMATS:
            try:
                moment = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
        if moment is None:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                raise BadRow(
                    f"time {value!r} is not a date and time "
                    "(use 2026-11-27 07:00 or 27/11/2026 07:00)"
                ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        if moment > self.now + timedelta(hours=1):
            raise BadRow(f"time {value!r} is in the future")
        return moment

    def parse_level(self, value):
        if not value:
            raise BadRow("the level is missing")
        try:
            level = Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise BadRow(f"level {value!r} is not a number of metres") from None
        if not level.is_finite() or not LOW <= level <= HIGH:
            raise BadRow(f"level {value!r} is outside {LOW}..{HIGH} m")
        return level.quantize(Decimal("0.01"))

    def split_duplicates(self, readings):
        """Readings already stored, or repeated in the file, are ignored."""
        seen = set()
        if readings:
            times = [r.measured_at for r in readings]
            seen = set(
                RiverReading.objects.filter(
                    station__in={r.station for r in readings},
                    measured_at__gte=min(times),
                    measured_at__lte=max(times),
                ).values_list("station_id", "measured_at")
            )
        new, duplicates = [], 0
        for reading in readings:
            key = (reading.station.pk, reading.measured_at)
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            new.append(reading)
        return new, duplicates
