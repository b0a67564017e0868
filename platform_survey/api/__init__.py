"""The REST API's shared machinery. Every endpoint under /api/ gets it; app code only adds resources.

How the pieces are wired (so a new endpoint, e.g. decisions/api.py, gets all of it for free):

- ``errors.api_exception_handler`` is REST_FRAMEWORK["EXCEPTION_HANDLER"]: every error any DRF view
  raises (validation, 401/403/404/405/406/409/413/415/429, Django's Http404/PermissionDenied/
  ValidationError/ProtectedError, and unexpected exceptions when DEBUG is off) answers with one JSON
  shape, ``{"status", "code", "message", "errors"}``. ``errors.api_not_found`` answers URLs under
  /api/ that match no route with the same shape.
- ``views.ApiViewMixin`` (in ``ReadOnlyViewSet`` / ``CuratedViewSet`` / ``ApiGenericViewSet``):
  chooses the response language from Accept-Language, answers 405 before authentication, and adds
  ETag / Last-Modified with 304 on a repeat conditional GET (``conditional.py``). A view whose
  representation does not come from the catalog overrides ``get_conditional_version()`` or sets
  ``conditional = False``.
- ``throttles``: REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] (anonymous and per-user rates from
  settings, read at request time; ``ScopedThrottle`` honours a view's ``throttle_scope``).
- ``permissions.IsStaffOrReadOnly``: public reads, staff-only writes.
- ``pagination.Pagination``: ``?page=`` and ``?page_size=`` (1–200), both validated strictly.
- ``schema.AutoSchema`` is REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]: documents the error responses,
  the language and conditional-request headers, and public-read security on every operation.
"""
