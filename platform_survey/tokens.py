"""API tokens, stored hashed (django-rest-knox): issued, listed and revoked here; the account page
and ``manage.py issue_api_token`` both call these functions.

A key is 64 random hex characters. The database keeps only its SHA-512 digest and its first 15
characters (``token_key``, knox's lookup prefix, shown as the token's name), so a key is shown
once, when it is issued, and can never be shown again; a database dump holds no usable key.
Clients send ``Authorization: Token <key>`` as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy
from knox import auth as knox_auth
from knox.models import AuthToken
from rest_framework import exceptions
from rest_framework.authentication import get_authorization_header

# Enough for a person's tools and a few scripts; a bound keeps every user's token list short
# (knox looks tokens up by prefix, and the account page lists them all).
MAX_TOKENS_PER_USER = 10


class TooManyTokens(Exception):
    """The user already holds MAX_TOKENS_PER_USER live tokens."""


@dataclass(frozen=True)
class IssuedToken:
    """A token just created: ``key`` is the plaintext, available only here, never stored."""

    token: AuthToken
    key: str


def token_ttl() -> timedelta | None:
    """How long a new token lives: ``API_TOKEN_TTL_DAYS`` (settings); 0 means it never expires."""
    days = settings.API_TOKEN_TTL_DAYS
    return timedelta(days=days) if days else None


def live_tokens(user) -> QuerySet[AuthToken]:
    """The user's tokens that still authenticate, newest first."""
    now = timezone.now()
    return AuthToken.objects.filter(Q(expiry__isnull=True) | Q(expiry__gt=now), user=user).order_by("-created")


def delete_expired_tokens(user) -> int:
    """Remove the user's expired tokens (they no longer authenticate); returns how many."""
    deleted, _ = AuthToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
    return deleted


@transaction.atomic
def issue_token(user, *, replace: bool = False) -> IssuedToken:
    """Create a token for ``user`` and return it with its key (shown once: only a hash is kept).

    With ``replace`` every other token of the user is revoked first. Without it the user's other
    tokens keep working, and TooManyTokens is raised when the user already holds
    MAX_TOKENS_PER_USER live ones.
    """
    if replace:
        AuthToken.objects.filter(user=user).delete()
    else:
        delete_expired_tokens(user)
        if AuthToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
            raise TooManyTokens
    token, key = AuthToken.objects.create(user=user, expiry=token_ttl())
    return IssuedToken(token=token, key=key)


def revoke_token(user, digest: str) -> bool:
    """Delete the user's token with this digest; False when the user has no such token."""
    deleted, _ = AuthToken.objects.filter(user=user, digest=digest).delete()
    return bool(deleted)


def revoke_all_tokens(user) -> int:
    """Delete all the user's tokens; returns how many there were."""
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


class TokenAuthentication(knox_auth.TokenAuthentication):
    """knox's ``Authorization: Token <key>`` check, with two changes:

    - a header that is not UTF-8 is refused with 401 (knox would raise UnicodeDecodeError: a 500);
    - only the presented token's expiry is checked. knox also loads and prunes all the user's other
      tokens on every request — one query more per request for housekeeping that
      ``issue_token`` and the account page do instead.
    """

    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if len(auth) == 2 and auth[0].lower() == self.authenticate_header(request).encode().lower():
            try:
                auth[1].decode("utf-8")
            except UnicodeDecodeError:
                raise exceptions.AuthenticationFailed(gettext_lazy("Invalid token.")) from None
        return super().authenticate(request)

    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < timezone.now():
            auth_token.delete()
            return True
        return False
