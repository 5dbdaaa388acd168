from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "shared_apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from shared_apps.accounts.throttle import on_sign_in_failed, on_signed_in

        # As django-axes does: the failures of every way of signing in (pages, admin).
        user_login_failed.connect(on_sign_in_failed, dispatch_uid="accounts_throttle_failed")
        user_logged_in.connect(on_signed_in, dispatch_uid="accounts_throttle_signed_in")
