"""Sign up, log in and out, and the account page (API token)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from . import creation_limits, tokens


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=gettext_lazy("Email (optional)"), required=False)

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("account")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and (wait := creation_limits.seconds_until_allowed(request, "signup")):
        message = _("Too many accounts were created from your address. Try again in %(minutes)s minute(s).")
        form.add_error(None, message % {"minutes": creation_limits.minutes(wait)})
        response = render(request, "registration/signup.html", {"form": form}, status=429)
        response["Retry-After"] = str(wait)
        return response
    if request.method == "POST" and form.is_valid():
        user = form.save()
        creation_limits.record_creation(request, "signup")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect("account")
    return render(request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
@login_required
@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    token = Token.objects.filter(user=request.user).first()
    return render(request, "registration/account.html", {"token": token})


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    tokens.issue_token(request.user)
    messages.success(request, _("A new API token was created. Keep it secret."))
    return redirect("account")


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    tokens.revoke_token(request.user)
    messages.success(request, _("Your API token was revoked; requests using it are now refused."))
    return redirect("account")
