"""The portal's settings, one module per profile, chosen by DJANGO_SETTINGS_MODULE:

- chaudoc.settings.development  `make run`, manage.py's default: DEBUG on, SQLite, console mail
- chaudoc.settings.production   `make serve`, gunicorn (chaudoc.wsgi, chaudoc.asgi), bench/
- chaudoc.settings.test         pytest (pyproject.toml)

base.py holds what they share. This package itself is no settings module.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if os.environ.get("DJANGO_SETTINGS_MODULE") == __name__:
    raise ImproperlyConfigured(
        "DJANGO_SETTINGS_MODULE=chaudoc.settings names the package of profiles: set it to "
        "chaudoc.settings.production, chaudoc.settings.development or chaudoc.settings.test."
    )
