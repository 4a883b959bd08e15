"""The main menu of a Vietnamese portal, for the portals that exist when this runs (a new
portal gets its menu from an administrator, or the demo): data an administrator reorders."""

from django.db import migrations

from about.migrations._menu import MENU


def seed(apps, schema_editor):
    Portal = apps.get_model("chaudoc", "Portal")
    MenuItem = apps.get_model("about", "MenuItem")
    for portal in Portal.objects.all():
        if MenuItem.objects.filter(portal=portal).exists():
            continue
        MenuItem.objects.bulk_create(
            MenuItem(portal=portal, label=vi, label_vi=vi, label_en=en, target=target, order=n)
            for n, (vi, en, target) in enumerate(MENU, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("about", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
