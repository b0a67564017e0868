"""API tokens in the admin: listed and revocable, never shown or created there.

knox's own admin lists the digest and can create a token (showing its key in a message); here a
token is its first characters, owner and dates, all read-only. Keys are issued on the account page
or with ``manage.py issue_api_token``, the only places that ever see one.
"""

from django.contrib import admin
from knox.models import AuthToken

if admin.site.is_registered(AuthToken):  # knox.admin is imported first ("knox" precedes us in INSTALLED_APPS)
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    list_display = ("key_begins_with", "user", "created", "expiry")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    ordering = ("-created",)
    fields = ("key_begins_with", "user", "created", "expiry")
    readonly_fields = fields

    @admin.display(description="key begins with")
    def key_begins_with(self, token: AuthToken) -> str:
        return f"{token.token_key[:8]}…"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
