"""Make the renditions that are missing: those of images stored before a width or a format was
added (covers uploaded before covers had the photos' renditions), or whose write failed."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from PIL import Image

from chaudoc.media.images import declared_renditions

# What a source image that cannot be read raises while its renditions are made.
UNREADABLE = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


class Command(BaseCommand):
    help = (
        "Make every missing rendition (WebP and JPEG widths, the Open Graph crop) of every "
        "stored image that has them: article covers, photos. Files already there are left "
        "alone, so it can run again at any time. Give model labels (news.Article, "
        "gallery.Photo) to do only those."
    )

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", metavar="app_label.Model")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what is missing, make nothing."
        )

    def handle(self, *args, models, dry_run, **options):
        labels = models
        made = missing_sources = 0
        failed = []
        for model, name, declaration in self.declarations(labels):
            source = declaration.source
            rows = model._default_manager.exclude(**{source: ""}).exclude(
                **{f"{source}__isnull": True}
            )
            for obj in rows.order_by("pk").iterator():
                renditions = getattr(obj, name)
                image = renditions.source
                if not image.storage.exists(image.name):
                    missing_sources += 1
                    self.stderr.write(f"{model._meta.label} {obj.pk}: {image.name} is missing.")
                    continue
                for file in renditions.files():
                    if file.storage.exists(file.name):
                        continue
                    if not dry_run:
                        try:
                            file.generate(force=True)
                        except UNREADABLE as error:
                            failed.append(f"{model._meta.label} {obj.pk}: {error}")
                            continue
                    made += 1
        verb = "Would make" if dry_run else "Made"
        self.stdout.write(self.style.SUCCESS(f"{verb} {made} missing renditions."))
        if missing_sources:
            self.stdout.write(
                self.style.WARNING(f"{missing_sources} images are missing from the storage.")
            )
        if failed:
            raise CommandError(f"{len(failed)} renditions could not be made:\n" + "\n".join(failed))

    def declarations(self, labels):
        found = [
            (model, name, declaration)
            for model in apps.get_models()
            for name, declaration in declared_renditions(model).items()
        ]
        if not labels:
            return found
        known = {m._meta.label_lower for m, *_ in found}
        unknown = [label for label in labels if label.lower() not in known]
        if unknown:
            raise CommandError(
                f"No renditions on {', '.join(unknown)}. "
                f"Models with renditions: {', '.join(sorted({m._meta.label for m, *_ in found}))}."
            )
        wanted = {label.lower() for label in labels}
        return [row for row in found if row[0]._meta.label_lower in wanted]
