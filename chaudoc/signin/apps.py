"""The sign-in libraries' apps under Vietnamese names: the admin index and the permission lists
show an app by its AppConfig.verbose_name, which django-axes and django-otp leave as their
labels ("Axes", "Otp_Totp", "Otp_Static"). Named in INSTALLED_APPS instead of the packages."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in lockout")


class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = _("Two-step verification: authenticator apps")


class RecoveryCodesConfig(StaticConfig):
    verbose_name = _("Two-step verification: recovery codes")
