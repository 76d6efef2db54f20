"""Two-factor sign-in to the admin: a time-based code (TOTP) from an app.

django-otp keeps the devices and marks a session verified
(``request.user.is_verified()``); this module adds what Wagtail needs around
it. ``TwoFactorMiddleware`` sends a signed-in admin user who has a device,
but has not entered a code in this session, to ``verify``; and, when
``NOTICEBOARD_REQUIRE_2FA`` is on, sends a Site administrator, Moderator or
superuser who has no device yet to ``setup``, where a QR code (drawn by
segno) adds the account to an authenticator app. Other staff may set it up
from the same page, and are then asked for a code too.
"""

from base64 import b32encode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

# Roles whose accounts must use a second factor when the setting is on.
REQUIRED_FOR = ("Site administrators", "Moderators")
SETUP_NAME = "two-factor"


def required_for(user):
    if not settings.NOTICEBOARD_REQUIRE_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_FOR).exists()


def has_device(user):
    return any(devices_for_user(user, confirmed=True))


# Admin addresses a signed-in user without a verified session may still open.
OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/two-factor/",
    "/admin/jsi18n/",
)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        user = getattr(request, "user", None)
        if (
            user is not None
            and path.startswith("/admin/")
            and not path.startswith(OPEN_PATHS)
            and user.is_authenticated
            and not user.is_verified()
        ):
            if has_device(user):
                return redirect_with_next(request, "two_factor_verify")
            if required_for(user):
                return redirect_with_next(request, "two_factor_setup")
        return self.get_response(request)


def redirect_with_next(request, name):
    from urllib.parse import urlencode

    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or reverse("wagtailadmin_home")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("wagtailadmin_home")
    return target


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Type the six digits your app shows."))
        return code


def _check(device, form):
    if not form.is_valid():
        return False
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        # django-otp waits longer after each wrong code (brute force).
        form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        return False
    if device.verify_token(form.cleaned_data["code"]):
        return True
    form.add_error("code", _("That code is not right, or it has expired. Try the next one."))
    return False


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def verify(request):
    devices = list(devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        for device in devices:
            if _check(device, form):
                otp_login(request, device)
                return redirect(next_url(request))
    return TemplateResponse(
        request, "security/two_factor_verify.html", {"form": form, "next": next_url(request)}
    )


@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def setup(request):
    if has_device(request.user) and not request.user.is_verified():
        return redirect_with_next(request, "two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=SETUP_NAME, confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and _check(device, form):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        return redirect(next_url(request))
    qr = segno.make(device.config_url, error="m")
    return TemplateResponse(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "next": next_url(request),
            "qr_svg": qr.svg_inline(scale=5, title=str(_("QR code for your authenticator app"))),
            "secret": b32encode(device.bin_key).decode(),
            "required": required_for(request.user),
        },
    )
