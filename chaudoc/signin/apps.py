"""The sign-in libraries' apps under Vietnamese names: the admin index and the permission lists
show an app by its AppConfig.verbose_name, which django-axes and django-otp leave as their
labels ("Axes", "Otp_Totp", "Otp_Static"). Named in INSTALLED_APPS instead of the packages.

django-otp's models get names of their own the same way: Options.verbose_name, set when the
app is ready (the lists, delete pages and permissions show it; no migration records it). Their
admins are in chaudoc/signin/admin.py."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockout")


def _recovery_code_name(token):
    """A recovery code as the delete page lists it: by number, never by the code itself."""
    return gettext("recovery code no. %(number)s") % {"number": token.pk}


def _name(model, singular, plural):
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural


class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = _("Two-step verification: authenticator apps")

    def ready(self):
        super().ready()
        _name(self.get_model("TOTPDevice"), _("authenticator app"), _("authenticator apps"))


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Two-step verification: recovery codes")

    def ready(self):
        super().ready()
        _name(self.get_model("StaticDevice"), _("recovery code set"), _("recovery code sets"))
        token = self.get_model("StaticToken")
        _name(token, _("recovery code"), _("recovery codes"))
        token.__str__ = _recovery_code_name  # django-otp's is "StaticToken object (31)"
