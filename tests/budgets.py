"""Query budgets count one page's own queries with the page cache empty.

`cold_pages()` empties the shared cache (as a restart of Redis would) and then reads again
what each process keeps between pages and reads once per change or after such a loss: the
portal map, the abbreviation table, the main menu and website links. The first page after a
restart pays those once; a budget is about every page after it.
"""

from django.core.cache import cache

from about.menu import furniture
from chaudoc.abbreviations.table import search_pairs
from chaudoc.pagecache.pages import _local
from chaudoc.portals.current import default_portal


def cold_pages(*portals):
    cache.clear()
    _local.clear()
    search_pairs()
    default = default_portal()  # and the portal map with it
    for portal in portals or (default,):
        furniture(portal)
