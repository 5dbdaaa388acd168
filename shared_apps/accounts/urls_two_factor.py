"""Two-factor pages, on the platform host and on every centre's host."""

from django.urls import path

from shared_apps.accounts import two_factor

app_name = "two_factor"
urlpatterns = [
    path("setup/", two_factor.setup, name="setup"),
    path("verify/", two_factor.verify, name="verify"),
    path("recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
    path("disable/", two_factor.disable, name="disable"),
]
