"""manage.py issue_api_token <username> — show a user's API token, creating one if needed.

A thin wrapper over platform_survey.tokens (the account page uses the same functions):

    manage.py issue_api_token alice            # prints alice's key (creates it the first time)
    manage.py issue_api_token alice --replace  # revokes the old key and prints a new one
    manage.py issue_api_token alice --revoke   # revokes it; requests with it get 401
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from platform_survey import tokens


class Command(BaseCommand):
    help = "Print a user's API token (Authorization: Token <key>), creating it if the user has none."

    def add_arguments(self, parser):
        parser.add_argument("username")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--replace", action="store_true", help="Revoke the current key and issue a new one.")
        action.add_argument("--revoke", action="store_true", help="Revoke the key without issuing another.")

    def handle(self, *args, username: str, replace: bool = False, revoke: bool = False, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            raise CommandError(f"No user named {username!r}. Create one first (manage.py createsuperuser).") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive; an inactive user's token is refused anyway.")
        if revoke:
            revoked = tokens.revoke_token(user)
            self.stderr.write(f"Revoked {username}'s token." if revoked else f"{username} had no token.")
            return
        token = tokens.issue_token(user, replace=replace)
        # The key alone on stdout, so scripts can capture it: TOKEN=$(manage.py issue_api_token bot)
        self.stdout.write(token.key)
