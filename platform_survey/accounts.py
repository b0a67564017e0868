"""Sign up, log in and out, and the account page (API tokens: listed, created, revoked)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken

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


def _account_page(request: HttpRequest, *, new_key: str = "", status: int = 200) -> HttpResponse:
    token_list = AuthToken.objects.filter(user=request.user).order_by("-created")
    context = {"tokens": token_list, "new_key": new_key, "now": timezone.now()}
    return render(request, "registration/account.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    """Issue a token and show its key in this response only: the key is in no session, message or
    cookie, and the database keeps its hash, so no later page can show it again."""
    try:
        issued = tokens.issue_token(request.user)
    except tokens.TooManyTokens:
        message = _("You already have %(limit)s API tokens. Revoke one you no longer use, then create another.")
        messages.error(request, message % {"limit": tokens.MAX_TOKENS_PER_USER})
        return redirect("account")
    return _account_page(request, new_key=issued.key, status=201)


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    # Only the signed-in user's own tokens: another user's digest is a 404, like a made-up one.
    if not tokens.revoke_token(request.user, request.POST.get("digest", "")):
        raise Http404("No such token.")
    messages.success(request, _("The API token was revoked; requests using it are now refused."))
    return redirect("account")
