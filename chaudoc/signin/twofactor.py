"""Two-factor sign-in for staff: who must use it, devices and codes, and the gate in front of
every staff right.

django-otp keeps the devices (a TOTP app, plus a set of one-time recovery codes) and marks a
session verified (`request.user.is_verified()`, from its OTPMiddleware). This module decides
who must have that. `TwoFactorMiddleware` sends such a user to the enrolment page (no device
yet) or to the code step (a device, but an unverified session) before any admin page, and
everywhere else presents the request as anonymous: until the code is entered, the session has
no staff rights on any URL (staff previews, editor uploads, views added later), whatever its
prefix; only the sign-in and two-step pages themselves see the account.
"""

import time
from base64 import b32encode
from datetime import datetime
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from chaudoc.jobs import enqueue_on_commit, job
from chaudoc.pages.origin import absolute_uri
from chaudoc.pages.security import ADMIN_PREFIXES
from chaudoc.wards.roles import MODERATOR

REQUIRED_GROUPS = (MODERATOR,)
RECOVERY_CODE_COUNT = 10
# The first enrolment asks for the password again once the last one given is this old.
RECENT_PASSWORD_SECONDS = 600
PASSWORD_AT_KEY = "twofactor_password_at"
# Pages a user who still has to enrol or to enter a code may open.
OPEN_VIEWS = {
    "admin:logout",
    "admin:login",
    "twofactor:login",
    "twofactor:verify",
    "twofactor:enrol",
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


def password_confirmed(request):
    """The account password was just given in this session (sign-in, or asked again)."""
    request.session[PASSWORD_AT_KEY] = time.time()


def password_is_recent(request):
    given = request.session.get(PASSWORD_AT_KEY)
    return isinstance(given, int | float) and 0 <= time.time() - given < RECENT_PASSWORD_SECONDS


NOTICES = ("enrolled", "removed", "codes")


def notify(user, notice):
    """E-mail the account holder that their second factor changed (one of NOTICES), once the
    change is committed: whoever made it, the owner hears of it."""
    _notify(user.pk, notice)


def _notify(user_id, notice):
    # Written and sent by a job (chaudoc.jobs), retried if the mail server fails; the time is
    # the change's, not the send's.
    enqueue_on_commit(send_twofactor_notice, user_id, notice, timezone.now().isoformat())


@job()
def send_twofactor_notice(user_id, notice, when):
    """Mail one NOTICES notice about a change made at `when` (ISO 8601); returns the address."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:  # deleted with its devices, or nobody to write to
        return None
    context = {
        "user": user,
        "when": datetime.fromisoformat(when),
        "url": absolute_uri(reverse("twofactor:enrol")),
    }
    with translation.override(settings.LANGUAGE_CODE):  # staff mail speaks Vietnamese
        subject = render_to_string(f"chaudoc/email/twofactor_{notice}_subject.txt", context)
        body = render_to_string(f"chaudoc/email/twofactor_{notice}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
    return user.email


def device_removed(sender, instance, **kwargs):
    """post_delete of a TOTP device: by its owner (a new phone) or by an administrator."""
    if instance.confirmed:
        _notify(instance.user_id, "removed")


def secret_text(device):
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(data):
    """`data` as a QR code in inline SVG markup (no image file, no script, no outside service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")


def _redirect(name, request):
    return redirect(reverse(name) + "?" + urlencode({"next": request.get_full_path()}))


def must_verify(user):
    """Is this a signed-in session still owing its second factor (enrolment or the code)?"""
    if not user.is_authenticated or user.is_verified():
        return False
    return has_device(user) or is_required(user)


def _anonymous():
    user = AnonymousUser()
    user.otp_device = None  # as django-otp's middleware equips every user
    user.is_verified = lambda: False
    return user


def _present_as(request, user):
    request.user = user

    async def auser():
        return user

    request.auser = auser


class TwoFactorMiddleware:
    """Until a session that must use a second factor has entered its code, it has no staff
    rights anywhere. Installed after django_otp's OTPMiddleware.

    Such a request is anonymous from here on, for every view (the public pages, staff previews,
    CKEditor's upload and browser, any view added later, the 404 page) and the middleware
    after this one; admin URLs redirect to enrolment or to the code step. Only the sign-in and
    two-step pages (OPEN_VIEWS) see the account as it is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # No session cookie, no account: reading request.user would mark the session as
        # read (Vary: Cookie) and keep the page out of the page cache.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and must_verify(request.user):
            request.twofactor_account = request.user
            _present_as(request, _anonymous())
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "twofactor_account", None)
        if user is None:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            _present_as(request, user)
            return None
        if user.is_staff and request.path_info.startswith(ADMIN_PREFIXES):
            if has_device(user):
                return _redirect("twofactor:verify", request)
            return _redirect("twofactor:enrol", request)
        return None
