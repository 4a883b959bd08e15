from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the portal's site (chaudoc.wards.admin_site): scoped relations and
    "view on site", and bad values in the address refused before they reach the database."""

    default_site = "chaudoc.wards.admin_site.PortalAdminSite"
