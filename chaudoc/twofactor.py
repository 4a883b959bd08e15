"""Two-factor sign-in for staff: who must use it, devices and codes, and the gate in front of
the admin.

django-otp keeps the devices (a TOTP app, plus a set of one-time recovery codes) and marks a
session verified (`request.user.is_verified()`, from its OTPMiddleware). This module decides
who must have that, and `TwoFactorMiddleware` sends such a user to the enrolment page (no
device yet) or to the code step (a device, but an unverified session) before any admin page.
"""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from chaudoc.security import ADMIN_PREFIXES

# The moderators' group (the editorial roles of issue 3 name it chaudoc.roles.MODERATOR).
REQUIRED_GROUPS = ("Kiểm duyệt viên",)
RECOVERY_CODE_COUNT = 10
# Pages a user who still has to enrol or to enter a code may open.
OPEN_VIEWS = {
    "admin:logout", "admin:login", "twofactor:login", "twofactor:verify", "twofactor:enrol",
    "twofactor:recovery_codes",
}


def is_required(user):
    """Must this user sign in with a second factor? Moderators and administrators, when on."""
    if not settings.OTP_REQUIRED_FOR_MODERATORS or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_GROUPS).exists()


def totp_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("pk").first()


def has_device(user):
    """A confirmed authenticator app: the code step is asked for at every sign-in."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user):
    """The device being enrolled: kept across reloads so a scanned code stays valid."""
    return totp_device(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=False
    )


def normalise_code(code):
    return "".join(code.split()).replace("-", "").lower()


def verify_code(user, code):
    """The device that accepts `code` (a 6-digit TOTP code or a recovery code), or None.

    A recovery code is deleted when used. Each device throttles repeated failures itself."""
    code = normalise_code(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        devices = model.objects.select_for_update().filter(user=user, confirmed=True)
        for device in devices:
            if device.verify_token(code):
                return device
    return None


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT fresh ones and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def forget_devices(user):
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_svg(data):
    """`data` as a QR code in inline SVG markup (no image file, no script, no outside service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def _redirect(name, request):
    return redirect(reverse(name) + "?" + urlencode({"next": request.get_full_path()}))


class TwoFactorMiddleware:
    """Keep staff who must use a second factor, or who have one, out of the admin until their
    session is verified. Installed after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith(ADMIN_PREFIXES):
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if has_device(user):
            return _redirect("twofactor:verify", request)
        if is_required(user):
            return _redirect("twofactor:enrol", request)
        return None
