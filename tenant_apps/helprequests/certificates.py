"""Whether a volunteer's police certificate is valid on a date: the people app decides
(a record counts from the day it was seen up to and including its renewal date)."""

from tenant_apps.people.selectors import has_valid_certificate, valid_certificate_exists

__all__ = ["has_valid_certificate", "valid_certificate_exists"]
