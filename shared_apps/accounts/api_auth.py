"""API tokens: `Authorization: Bearer <key>`, valid only on the centre they were made for,
until they expire or are revoked."""

import hashlib
from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from shared_apps.accounts.models import ApiToken

# "Last used" is shown to the minute or so: writing it on every request would make each
# API call a write.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class CentreTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("Send the token as: Authorization: Bearer <token>."))
        key = parts[1].decode(errors="ignore")
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True)
            .first()
        )
        centre = getattr(request, "centre", None)
        if token is None or centre is None or token.centre_id != centre.pk:
            raise AuthenticationFailed(_("This token is not valid here."))
        now = timezone.now()
        if token.expires_at <= now:
            raise AuthenticationFailed(
                _("This token expired on %(date)s. Make a new one on the “API tokens” page.")
                % {"date": date_format(timezone.localtime(token.expires_at), "SHORT_DATE_FORMAT")}
            )
        if not token.user.is_active:
            raise AuthenticationFailed(_("This account is not active."))
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Bearer"
