"""Sign-ups from the public to sessions of activities that take them: places, the waiting
list, and staff taking someone off.

The session row is locked for the transaction (as shifts lock their row), so sign-ups at the
same moment are counted one after the other and the places are never exceeded.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from tenant_apps.activities import emails
from tenant_apps.activities.models import Activity, Session, SessionSignup
from tenant_apps.activities.selectors import session_has_started
from tenant_apps.audit.models import AuditAction
from tenant_apps.audit.services import audit_record
from toolkit.actors import Actor
from toolkit.emails import after_commit_in_this_schema
from toolkit.errors import ApplicationError

SUBJECT = "session_signup"


def _locked_session(session: Session) -> Session:
    """The session row, locked until the transaction ends: sign-ups to one session queue here."""
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("activity")
        .get(pk=session.pk)
    )


def _check_open(session: Session) -> None:
    activity = session.activity
    if not (activity.takes_signups and activity.is_public and activity.is_active):
        raise ApplicationError(_("This activity does not take sign-ups."))
    if session.is_cancelled:
        raise ApplicationError(_("This session is cancelled."))
    if session_has_started(session):
        raise ApplicationError(_("This session has already started or is over."))


def session_sign_up_public(
    *, session: Session, name: str, email: str, phone: str = "", language: str
) -> SessionSignup:
    """Sign someone up for a session from the public site: confirmed while places are free,
    else on the waiting list; a confirmation e-mail goes to the address given.

    Signing up again with the same e-mail address keeps the first sign-up (and its place)
    and sends the confirmation again: the form answers the same either way, so no visitor
    learns who else signed up.
    """
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not name:
        raise ApplicationError(_("Enter your name."), field="name")
    if not email:
        raise ApplicationError(_("Enter your e-mail address."), field="email")
    with transaction.atomic():
        session = _locked_session(session)
        _check_open(session)
        signup = session.signups.filter(email__iexact=email).first()
        if signup is None:
            confirmed = session.signups.filter(status=SessionSignup.Status.CONFIRMED).count()
            signup = SessionSignup.objects.create(
                session=session,
                name=name[:200],
                email=email,
                phone=phone[:30],
                language=language,
                status=(
                    SessionSignup.Status.CONFIRMED
                    if confirmed < session.activity.signup_places
                    else SessionSignup.Status.WAITING
                ),
            )
        signup_id = signup.pk
        after_commit_in_this_schema(lambda: emails.signup_received_email_send(signup_id))
    return signup


def session_signup_withdraw(*, actor: Actor, signup: SessionSignup) -> list[SessionSignup]:
    """Take someone off a session (or its waiting list), as staff: the first waiting move up
    into a freed place and get an e-mail. Returns those who moved up."""
    with transaction.atomic():
        session = _locked_session(signup.session)
        signup = SessionSignup.objects.filter(pk=signup.pk, session=session).first()
        if signup is None:
            raise ApplicationError(_("This sign-up has already been removed."))
        audit_record(
            actor=actor,
            action=AuditAction.DELETED,
            subject_type=SUBJECT,
            subject_id=signup.pk,
            code="session_signup.withdrawn",
            params={
                "activity": session.activity_id,
                "activity_name": session.activity.name,
                "date": session.date.isoformat(),
                "status": signup.status,
            },
        )
        signup.delete()
        return _fill_free_places(session)


def _fill_free_places(session: Session) -> list[SessionSignup]:
    """Move people up from the waiting list, in the order they signed up, into free places.
    Call with the session locked."""
    if not session.activity.signup_places:
        return []
    confirmed = session.signups.filter(status=SessionSignup.Status.CONFIRMED).count()
    free = session.activity.signup_places - confirmed
    if free <= 0:
        return []
    moved = list(
        session.signups.filter(status=SessionSignup.Status.WAITING).order_by("created_at", "id")[
            :free
        ]
    )
    for signup in moved:
        signup.status = SessionSignup.Status.CONFIRMED
        signup.save(update_fields=["status"])
        signup_id = signup.pk
        after_commit_in_this_schema(
            lambda signup_id=signup_id: emails.signup_moved_up_email_send(signup_id)
        )
    return moved


def session_signups_exported(*, actor: Actor, session: Session, count: int) -> None:
    """Record that `actor` downloaded the list of people signed up for a session."""
    audit_record(
        actor=actor,
        action=AuditAction.VIEWED,
        subject_type=SUBJECT,
        subject_id="",
        code="session_signup.exported",
        params={
            "activity": session.activity_id,
            "activity_name": session.activity.name,
            "date": session.date.isoformat(),
            "count": count,
        },
    )


def signup_places_fill(*, activity: Activity) -> list[SessionSignup]:
    """After the places per session grew: move people up from the waiting lists of the
    activity's coming sessions (each session locked in turn). Returns those who moved up."""
    moved: list[SessionSignup] = []
    sessions = Session.objects.filter(
        activity=activity,
        is_cancelled=False,
        signups__status=SessionSignup.Status.WAITING,
    ).distinct()
    for session in sessions:
        with transaction.atomic():
            locked = _locked_session(session)
            if not session_has_started(locked):
                moved += _fill_free_places(locked)
    return moved
