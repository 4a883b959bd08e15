import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from about import demo as about_demo
from chaudoc.demo import content
from chaudoc.demo.portals import load_portals
from chaudoc.media.images import renditions_at_once
from chaudoc.pagecache.tags import one_invalidation
from chaudoc.portals.current import bump_version
from chaudoc.portals.models import PortalMembership
from chaudoc.wards.models import Ward
from chaudoc.wards.roles import MODERATOR, WARD_EDITOR, setup_roles
from documents import demo as documents_demo
from gallery import demo as gallery_demo
from news import demo as news_demo
from participation import demo as participation_demo
from schedule import demo as schedule_demo
from weather import demo as weather_demo

# One account per role. Passwords are random, printed once when the account is made.
DEMO_ACCOUNTS = [
    ("demo-bientap", WARD_EDITOR),
    ("demo-kiemduyet", MODERATOR),
    ("demo-quantri", None),  # administrator: a superuser
]


class Command(BaseCommand):
    help = (
        "Load the portal's demo content (wards, categories, the seed article) and one demo "
        "account per role, whose random password is printed once. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Also make this many synthetic published articles (for load and scale work).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, articles, dry_run, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        # Renditions made here, not by jobs: the demo's pages are complete when it ends. The
        # page cache is invalidated once, after the commit, not once per row saved.
        with renditions_at_once(), one_invalidation(), transaction.atomic():
            wards = self.load_wards()
            categories, seed, made = news_demo.load_demo(wards, articles)
            location, station, readings = weather_demo.load_demo()
            # Photos are files: a dry run, rolled back, must not leave any behind.
            albums = gallery_demo.ALBUMS if dry_run else self.load_albums(wards, seed)
            province, ward_portals, city = load_portals(wards)
            for data in content.WARD_PORTALS:
                news_demo.load_portal_news(ward_portals[data["slug"]], data["news"])
            home = ward_portals[content.WARD_PORTALS[0]["slug"]]
            demo_articles = news_demo.load_demo_articles(home, wards)
            sample = weather_demo.load_sample_forecast(location)
            # Photos are files: the boundary maps too.
            pages = 0 if dry_run else about_demo.load_demo(ward_portals)
            for portal in (province, city):
                about_demo.load_menu(portal)
            entries = schedule_demo.load_demo(ward_portals)
            # Attached PDFs are files: a dry run, rolled back, must not leave any behind.
            documents = 0 if dry_run else documents_demo.load_demo(ward_portals.values())
            portals_made = (
                f"portals: {province}, {', '.join(map(str, ward_portals.values()))} and the "
                f"former {city} (archive in {city.archive_moved_to or '-'})"
            )
            topics, questions, consultation = participation_demo.load_demo()
            setup_roles()
            accounts = self.load_accounts(wards[0], ward_portals[content.WARD_PORTALS[0]["slug"]])
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            bump_version()  # the portals rolled back sent no signal: no process keeps them
        verb = "Would load" if dry_run else "Loaded"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(wards)} wards, {len(categories)} categories, "
                f"the seed article ({seed.slug}), {len(demo_articles)} demo articles and {made} "
                f"new synthetic articles; "
                f"{len(albums)} photo albums; {pages} introduction pages and {entries} "
                f"schedule entries; {documents} new documents; "
                f"weather location {location} ({sample}), river station {station} "
                f"({readings} new readings); "
                f"{portals_made}; {len(topics)} fields of questions, {len(questions)} "
                f"questions, the draft for comments {consultation.slug}."
            )
        )
        self.report_accounts(accounts, dry_run)

    def load_albums(self, wards, seed):
        albums = gallery_demo.load_demo(wards)
        if seed.album_id is None:  # the seed article shows its conference's photos
            seed.album = albums[0]
            seed.save(update_fields=["album"])
        return albums

    def load_accounts(self, ward, portal):
        """Returns (username, role, password or None when the account already existed)."""
        User = get_user_model()
        made = []
        for username, role in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                made.append((username, role, None))
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username,
                f"{username}@chaudoc.invalid",
                password,
                is_staff=True,
                is_superuser=role is None,
            )
            if role:
                user.groups.add(Group.objects.get(name=role))
                PortalMembership.objects.create(user=user, portal=portal)
            if role == WARD_EDITOR:
                ward.editors.add(user)
            made.append((username, role, password))
        return made

    def report_accounts(self, accounts, dry_run):
        for username, role, password in accounts:
            role_name = role or "Quản trị viên (superuser)"
            if password is None:
                self.stdout.write(f"  {username} [{role_name}]: exists, password unchanged")
            elif dry_run:
                self.stdout.write(f"  {username} [{role_name}]: would be created")
            else:
                self.stdout.write(
                    self.style.WARNING(
                        f"  {username} [{role_name}]: password {password}  (shown only this once)"
                    )
                )

    def load_wards(self):
        wards = []
        for order, (kind, name) in enumerate(content.WARDS, start=1):
            ward, _ = Ward.objects.get_or_create(name=name, defaults={"kind": kind, "order": order})
            wards.append(ward)
        return wards
