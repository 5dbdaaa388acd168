"""Signals people sends, so that the apps built on it can act without people importing them.

People is the bottom layer of a centre's apps (above the audit log): activities, help
requests and hours refer to volunteers and participants, so people must not import them.
Where one of those apps has to act on a change to people, people sends a signal and that
app connects a receiver in its AppConfig.ready().
"""

from django.dispatch import Signal

volunteer_deleting = Signal()
"""Sent by `services.volunteer_delete` just before the volunteer is deleted, with
`volunteer=` (locked, still in the database) and `actor=`; `sender` is the Volunteer class.

Receivers run inside the delete's transaction (the signal is sent with `send`, not
`send_robust`): what they write is undone if the deletion fails, and an error they raise
stops the deletion. Activities uses it to withdraw the volunteer from coming shifts, so
that people on a waiting list move up (the CASCADE alone would not).
"""
