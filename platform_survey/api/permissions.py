"""Who may do what through the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class IsStaffOrReadOnly(DjangoModelPermissions):
    """Anyone may read; writes need a curator (staff) **with the admin's model permission** for the
    record's kind — ``add_*`` for POST, ``change_*`` for PUT/PATCH, ``delete_*`` for DELETE — as the
    admin requires (DRF's DjangoModelPermissions on the view's queryset model; a superuser has them
    all). Anonymous writes get 401, others 403."""

    message = _("Only curators (staff accounts) may change the catalog.")
    # Read by the schema generator: these methods need no credentials.
    public_methods = SAFE_METHODS

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        if not (user and user.is_authenticated and user.is_staff):
            return False
        return super().has_permission(request, view)
