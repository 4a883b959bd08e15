"""Admin sign-in in two steps, and the pages where staff enrol a second factor.

1. `AdminLoginView` (at the admin's own login URL) checks username and password through
   django-axes' backend. A user with a confirmed authenticator is not signed in yet: the user's
   id waits in the session for a few minutes and the code step asks for a code.
2. `verify` signs the user in once a TOTP code or a recovery code matches. A wrong code counts
   as a failed sign-in for django-axes, so codes cannot be guessed past the lockout either.

Every change to the second factor asks for the account password again: new recovery codes and
a new phone always, the first enrolment unless the password was given in this session in the
last few minutes (the sign-in itself, usually). A session cookie alone cannot replace or plant
a second factor; the account holder hears of every change by e-mail.
"""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from chaudoc.signin import twofactor
from chaudoc.signin.forms import CodeForm, EnrolForm, PasswordForm
from chaudoc.signin.lockout import lockout_response

PENDING_KEY = "twofactor_pending"
NEW_CODES_KEY = "twofactor_new_codes"
PENDING_SECONDS = 300


def _admin_context(request, title):
    return {**admin.site.each_context(request), "title": title, "subtitle": None}


def _safe_next(request, value):
    allowed = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if value and allowed else reverse("admin:index")


class AdminLoginView(LoginView):
    """The admin login page (same template, same single error message for every failure)."""

    authentication_form = AdminAuthenticationForm
    template_name = "admin/login.html"

    def dispatch(self, request, *args, **kwargs):
        if request.method == "GET" and admin.site.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return reverse("admin:index")

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **_admin_context(self.request, _("Log in")),
            "app_path": self.request.get_full_path(),
            "username": self.request.user.get_username(),
        }

    def form_valid(self, form):
        user = form.get_user()
        if not twofactor.has_device(user):
            response = super().form_valid(form)
            twofactor.password_confirmed(self.request)  # enrolment may follow without asking
            return response
        self.request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("twofactor:verify")


def _pending(request):
    """(user, backend, next URL) of a sign-in waiting for its code, or None."""
    data = request.session.get(PENDING_KEY)
    if data and time.time() - data["at"] < PENDING_SECONDS:
        user = get_user_model().objects.filter(pk=data["user"], is_active=True).first()
        if user is not None:
            return user, data["backend"], data["next"]
    user = request.user
    if user.is_authenticated and not user.is_verified() and twofactor.has_device(user):
        # Signed in before enrolling, or by other means: the session still needs a code.
        next_url = _safe_next(request, request.GET.get("next", ""))
        return user, request.session.get(BACKEND_SESSION_KEY), next_url
    return None


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    pending = _pending(request)
    if pending is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Your sign-in has expired. Please sign in again."))
        return redirect("twofactor:login")
    user, backend, next_url = pending
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": user.get_username()}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.session.pop(PENDING_KEY, None)
            return lockout_response(request, None, credentials)
        device = twofactor.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            return _finish(request, user, backend, device, next_url)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            request.session.pop(PENDING_KEY, None)
        form.add_error(
            "code",
            _(
                "This code is not valid. Check the time on your phone, wait "
                "for the next code and try again."
            ),
        )
    context = {**_admin_context(request, _("Two-step verification")), "form": form}
    return render(request, "admin/twofactor/verify.html", context)


def _finish(request, user, backend, device, next_url):
    request.session.pop(PENDING_KEY, None)
    if request.user.is_authenticated and request.user.pk == user.pk:
        request.session.cycle_key()
        otp_login(request, device)
    else:
        user.otp_device = device  # django_otp's user_logged_in receiver marks the session
        auth_login(request, user, backend=backend)
    return HttpResponseRedirect(next_url)


def _enrol(request):
    user = request.user
    if twofactor.has_device(user):
        return _manage(request)
    device = twofactor.pending_device(user)
    form = EnrolForm(
        request.POST or None,
        request=request,
        ask_password=not twofactor.password_is_recent(request),
    )
    if request.method == "POST":
        valid = form.is_valid()
        if form.cleaned_data.get("password"):
            twofactor.password_confirmed(request)
        code = twofactor.normalise_code(form.cleaned_data.get("code", ""))
        if valid and code.isdigit() and device.verify_token(code):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session.cycle_key()
            otp_login(request, device)
            request.session[NEW_CODES_KEY] = twofactor.new_recovery_codes(user)
            twofactor.notify(user, "enrolled")
            messages.success(request, _("Two-step verification is on for your account."))
            return redirect("twofactor:recovery_codes")
        if valid:
            # The password is confirmed now: only the code is asked for again.
            form = EnrolForm(request.POST, request=request, ask_password=False)
            form.is_valid()
            form.add_error(
                "code",
                _(
                    "This code is not valid. Check the time on your phone, "
                    "wait for the next code and try again."
                ),
            )
    context = {
        **_admin_context(request, _("Turn on two-step verification")),
        "form": form,
        "qr_svg": twofactor.qr_svg(device.config_url),
        "secret": twofactor.secret_text(device),
        "required": twofactor.is_required(user),
    }
    return render(request, "admin/twofactor/enrol.html", context)


def _manage(request):
    """Status page for a user with a device: new recovery codes, or a new phone, each after
    the password."""
    user = request.user
    action = request.POST.get("action")
    form = PasswordForm(request.POST or None, request=request)
    if request.method == "POST" and user.is_verified() and action in ("codes", "reset"):
        if form.is_valid():
            twofactor.password_confirmed(request)
            if action == "codes":
                request.session[NEW_CODES_KEY] = twofactor.new_recovery_codes(user)
                twofactor.notify(user, "codes")
                return redirect("twofactor:recovery_codes")
            twofactor.forget_devices(user)  # the e-mail goes from the devices' deletion
            messages.info(
                request,
                _("Your old authenticator no longer works. Scan the new code with your app."),
            )
            return redirect("twofactor:enrol")
    elif request.method == "POST":
        form = PasswordForm(request=request)  # nothing to confirm: no error to show
    context = {
        **_admin_context(request, _("Two-step verification")),
        "form": form,
        "device": twofactor.totp_device(user),
        "recovery_left": twofactor.recovery_codes_left(user),
        "required": twofactor.is_required(user),
    }
    return render(request, "admin/twofactor/manage.html", context)


def _recovery_codes(request):
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        messages.info(
            request,
            _(
                "Recovery codes are shown only once. You can make new ones "
                "here; the old ones then stop working."
            ),
        )
        return redirect("twofactor:enrol")
    context = {**_admin_context(request, _("Your recovery codes")), "codes": codes}
    return render(request, "admin/twofactor/recovery_codes.html", context)


# admin_view: staff only, redirected to the login page otherwise, never cached, CSRF-checked.
enrol = admin.site.admin_view(sensitive_post_parameters("code", "password")(_enrol))
recovery_codes = admin.site.admin_view(_recovery_codes)
login = AdminLoginView.as_view()
