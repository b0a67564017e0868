"""Who may do what through the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsStaffOrReadOnly(BasePermission):
    """Anyone may read; only curators (staff) may write. Anonymous writes get 401, others 403."""

    message = _("Only curators (staff accounts) may change the catalog.")
    # Read by the schema generator: these methods need no credentials.
    public_methods = SAFE_METHODS

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_staff)
