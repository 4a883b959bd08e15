import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chaudoc.settings.production")

django_application = get_wsgi_application()

from chaudoc.pagecache.pages import PageCacheWSGI  # noqa: E402  (needs Django set up first)

application = PageCacheWSGI(django_application)
