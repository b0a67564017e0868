"""manage.py issue_api_token <username> — issue an API token and print its key, alone, on stdout.

A thin wrapper over platform_survey.tokens (the account page uses the same functions). Keys are
stored hashed, so a key can be printed only when it is issued, never again:

    manage.py issue_api_token alice            # a new key; alice's other keys keep working
    manage.py issue_api_token alice --replace  # a new key; all alice's other keys are revoked
    manage.py issue_api_token alice --revoke   # revokes all alice's keys; requests with them get 401

The key is the only thing written to stdout (notes go to stderr), so scripts can capture it:
TOKEN=$(manage.py issue_api_token bot --replace).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from platform_survey import tokens


class Command(BaseCommand):
    help = "Issue an API token for a user (Authorization: Token <key>) and print its key; it is shown only now."

    def add_arguments(self, parser):
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--replace", action="store_true", help="Revoke the user's other keys first.")
        action.add_argument("--revoke", action="store_true", help="Revoke all the user's keys without issuing one.")

    def handle(self, *args, username: str, replace: bool = False, revoke: bool = False, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}. Create one first (manage.py createsuperuser).") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive; an inactive user's token is refused anyway.")
        if revoke:
            revoked = tokens.revoke_all_tokens(user)
            self.stderr.write(f"Revoked {revoked} token(s) of {username}." if revoked else f"{username} had no token.")
            return
        try:
            issued = tokens.issue_token(user, replace=replace)
        except tokens.TooManyTokens:
            raise CommandError(
                f"{username} already has {tokens.MAX_TOKENS_PER_USER} tokens; use --replace to revoke them "
                "and issue one, or revoke some on the account page."
            ) from None
        expiry = f"expires {issued.token.expiry:%Y-%m-%d}" if issued.token.expiry else "never expires"
        self.stderr.write(f"Issued a token for {username} ({expiry}); its key is shown only now.")
        # The key alone on stdout, so scripts can capture it: TOKEN=$(manage.py issue_api_token bot)
        self.stdout.write(issued.key)
