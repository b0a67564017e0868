"""Evaluations started before signing in are kept: at sign-up or login, the ones this browser
session started anonymously become the account's.

The session lists the public ids of the evaluations it started while nobody was signed in
(decisions/views.py writes that list under ``SESSION_KEY``). Django's ``login()`` keeps the
session's data when an anonymous visitor signs in (it only changes the key), so the list is still
there when ``user_logged_in`` fires. Only evaluations that still have no owner are claimed, in one
``UPDATE … WHERE owner IS NULL``: an evaluation someone else already owns is never re-assigned, and
a session can only claim what it started itself (another browser's ids are not in its session).
"""

from __future__ import annotations

import uuid

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

SESSION_KEY = "anonymous_evaluations"


def _session_ids(session) -> list[uuid.UUID]:
    ids = []
    for value in session.get(SESSION_KEY, []):
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return ids


def claim_anonymous_evaluations(request, user) -> int:
    """Give ``user`` the unowned evaluations this request's session started; answer how many."""
    session = getattr(request, "session", None)
    if session is None or user is None or not user.is_authenticated:
        return 0
    ids = _session_ids(session)
    if not ids:
        return 0
    from .models import Evaluation

    claimed = Evaluation.objects.filter(public_id__in=ids, owner__isnull=True).update(owner=user)
    # The list has done its work: the account now lists them, and signing out empties the session.
    del session[SESSION_KEY]
    return claimed


@receiver(user_logged_in, dispatch_uid="decisions.claim_anonymous_evaluations")
def _on_login(sender, request, user, **kwargs) -> None:
    if request is not None:
        claim_anonymous_evaluations(request, user)
