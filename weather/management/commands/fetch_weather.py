from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from weather import conf
from weather.importer import FetchFailed, import_forecast
from weather.models import Location
from weather.providers import ProviderError, get_provider


class Command(BaseCommand):
    help = (
        "Fetch the weather forecast once for every active location (or one) and store it. "
        "On any failure the last good forecast stays, the reason is logged, and the command "
        "exits non-zero. Schedule it every 30-60 minutes (see docs/weather.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--location", help="Slug, name or id of one location (default: every active one)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Fetch and check, but write nothing."
        )
        parser.add_argument(
            "--overwrite-manual",
            action="store_true",
            help="Also replace forecast days a moderator entered by hand.",
        )
        parser.add_argument(
            "--provider",
            default=None,
            help="Provider to ask (default: the WEATHER_PROVIDER setting).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds one request may take (default: WEATHER_TIMEOUT).",
        )

    def handle(self, *args, location, dry_run, overwrite_manual, provider, timeout, **options):
        verbosity = options["verbosity"]
        if timeout is not None and timeout <= 0:
            raise CommandError("--timeout must be a positive number of seconds.")
        try:
            source = get_provider(provider or conf.get("WEATHER_PROVIDER"), timeout=timeout)
        except ProviderError as exc:
            raise CommandError(str(exc)) from None
        failures = []
        for place in self.locations(location):
            try:
                result = import_forecast(
                    place, source, dry_run=dry_run, overwrite_manual=overwrite_manual
                )
            except FetchFailed as exc:
                failures.append(f"{place}: {exc}")
                continue
            if verbosity:
                self.report(result, verbosity)
        if failures:
            raise CommandError(f"Weather fetch failed for {'; '.join(failures)}")

    def locations(self, wanted):
        active = Location.objects.filter(is_active=True)
        if wanted:
            match = Q(slug=wanted) | Q(name__iexact=wanted)
            if wanted.isdigit():
                match |= Q(pk=int(wanted))
            places = list(Location.objects.filter(match))
            if not places:
                raise CommandError(f"No location {wanted!r}: add it in the admin first.")
            return places
        places = list(active)
        if not places:
            raise CommandError("No active location: add one in the admin or run load_demo.")
        return places

    def report(self, result, verbosity):
        verb = "Would write" if result.dry_run else "Wrote"
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.location}: {verb} {result.written} forecast days from {result.provider}"
                f" ({result.kept_manual} days entered by hand kept)."
            )
        )
        if verbosity > 1:
            for day in result.forecast.days:
                self.stdout.write(
                    f"  {day.date:%d/%m/%Y} code {day.weather_code} "
                    f"{day.temperature_min}-{day.temperature_max} °C "
                    f"rain {day.precipitation_sum} mm ({day.precipitation_probability}%)"
                )
