"""django-otp's device admins, named in Vietnamese.

django-otp marks none of its model names, field names, help texts, fieldset titles or search
help for translation, so no catalogue can reach them. The same admins are registered again
here with every name an administrator reads given through gettext: form labels and help texts
(the models' fields keep theirs, or a migration would follow), the read-only dates and the
list's columns as display methods, the filters under titles of their own. The models' names
are set in chaudoc.signin.apps (Options.verbose_name, which no migration records).
"""

from django.contrib import admin
from django.contrib.admin.filters import BooleanFieldListFilter, DateFieldListFilter
from django.contrib.admin.utils import display_for_value
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin, StaticTokenInline
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_LABELS = {
    "user": _("user"),
    "name": _("name"),
    "confirmed": _("confirmed"),
    "key": _("secret key"),
    "step": _("time step"),
    "t0": _("time origin"),
    "digits": _("digits"),
    "tolerance": _("tolerance"),
    "drift": _("clock drift"),
    "throttling_failure_timestamp": _("last wrong code"),
    "throttling_failure_count": _("wrong codes in a row"),
}
DEVICE_HELP = {
    "user": _("The account this device belongs to."),
    "name": _("A name to tell this device from others, for example “An's phone”."),
    "confirmed": _("Whether this device is ready for use."),
    "key": _("The shared secret, in hexadecimal, of up to 40 bytes."),
    "step": _("How long each code lasts, in seconds."),
    "t0": _("When the counting of time steps starts, in seconds after 1 January 1970 (UTC)."),
    "digits": _("How many digits each code has."),
    "tolerance": _("How many time steps before or after the current one are accepted."),
    "drift": _("How many time steps the phone's clock is known to be off from the server's."),
    "throttling_failure_timestamp": _(
        "When a wrong code was last entered; empty if the last code was right."
    ),
    "throttling_failure_count": _("How many wrong codes were entered one after another."),
}
SEARCH_HELP = _("Search by user name or e-mail address")


class _Titled:
    """A list filter under `filter_title` instead of the model field's untranslated name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.filter_title


def titled(base, title):
    return type(base.__name__, (_Titled, base), {"filter_title": title})


class DeviceAdminMixin:
    list_display = ["owner", "device_name", "created", "last_used", "is_confirmed"]
    list_filter = [
        ("created_at", titled(DateFieldListFilter, _("created"))),
        ("last_used_at", titled(DateFieldListFilter, _("last used"))),
        ("confirmed", titled(BooleanFieldListFilter, _("confirmed"))),
    ]
    search_help_text = SEARCH_HELP
    readonly_fields = ["created", "last_used"]
    identity = (_("Device"), {"fields": ["user", "name", "confirmed"]})
    timestamps = (_("Dates"), {"fields": ["created", "last_used"]})

    def get_form(self, request, obj=None, **kwargs):
        kwargs.setdefault("labels", DEVICE_LABELS)
        kwargs.setdefault("help_texts", DEVICE_HELP)
        return super().get_form(request, obj, **kwargs)

    @admin.display(description=_("user"), ordering="user__username")
    def owner(self, device):
        return device.user

    @admin.display(description=_("name"), ordering="name")
    def device_name(self, device):
        return device.name

    # Formatted here: a read-only field would show a method's None as "None".
    @admin.display(description=_("created"), ordering="created_at")
    def created(self, device):
        return display_for_value(device.created_at, self.get_empty_value_display())

    @admin.display(description=_("last used"), ordering="last_used_at")
    def last_used(self, device):
        return display_for_value(device.last_used_at, self.get_empty_value_display())

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed")
    def is_confirmed(self, device):
        return device.confirmed


class AuthenticatorAppAdmin(DeviceAdminMixin, TOTPDeviceAdmin):
    def get_fieldsets(self, request, obj=None):
        # As django-otp's: the secret key on the add form only (OTP_ADMIN_HIDE_SENSITIVE_DATA).
        configuration = ["step", "t0", "digits", "tolerance"]
        if obj is None:
            configuration.insert(0, "key")
        return [
            self.identity,
            self.timestamps,
            (_("Configuration"), {"fields": configuration}),
            (_("Clock"), {"fields": ["drift"]}),
            (
                _("Wrong codes"),
                {"fields": ["throttling_failure_timestamp", "throttling_failure_count"]},
            ),
        ]


class RecoveryCodeInline(StaticTokenInline):
    def get_formset(self, request, obj=None, **kwargs):
        kwargs.setdefault("labels", {"token": _("code")})
        return super().get_formset(request, obj, **kwargs)


class RecoveryCodesAdmin(DeviceAdminMixin, StaticDeviceAdmin):
    inlines = [RecoveryCodeInline]

    def get_fieldsets(self, request, obj=None):
        return [self.identity, self.timestamps]


for model, model_admin in ((TOTPDevice, AuthenticatorAppAdmin), (StaticDevice, RecoveryCodesAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
