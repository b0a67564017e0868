"""API tokens: one per user, created, replaced or revoked here (the account page and
``manage.py issue_api_token`` both call these)."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token


@transaction.atomic
def issue_token(user, *, replace: bool = True) -> Token:
    """Give ``user`` a token. With ``replace`` an existing one is revoked first (a fresh key);
    without it the existing token is returned unchanged."""
    existing = Token.objects.filter(user=user).first()
    if existing is not None:
        if not replace:
            return existing
        existing.delete()
    return Token.objects.create(user=user)


def revoke_token(user) -> bool:
    """Delete the user's token; True when there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)
