"""Every field of every model in the shared schema, against an allow-list.

The shared schema may hold the platform's own data (accounts, memberships, centres) and, from
the centres, only anonymised aggregates and what centres deliberately publish or write for
each other (annual reports they submit, network posts their staff write). A new field in any
shared model fails this test until someone adds it here, deliberately, after checking that it
carries no personal data of a centre's volunteers or participants (docs/adr/0008).
"""

from django.apps import apps
from django.conf import settings

ALLOWED_FIELDS = {
    # Billing: the platform's own business with centres and federations, no person's data.
    "billing.BillingAccount": {
        "centre",
        "current_period_end",
        "federation",
        "id",
        "past_due_since",
        "plan",
        "stripe_customer_id",
        "stripe_subscription_id",
        "subscription_status",
        "updated_at",
    },
    "billing.FederationBilling": {"federation", "id", "payer", "updated_at"},
    "billing.Invoice": {
        "account",
        "amount_due",
        "created_at",
        "currency",
        "hosted_invoice_url",
        "id",
        "number",
        "status",
        "stripe_invoice_id",
    },
    "billing.Plan": {
        "amount",
        "created_at",
        "currency",
        "id",
        "interval",
        "is_active",
        "name",
        "stripe_price_id",
    },
    "billing.WebhookEvent": {"id", "is_handled", "received_at", "stripe_event_id", "type"},
    "accounts.ApiToken": {
        "centre",
        "created_at",
        "expires_at",
        "id",
        "key_hash",
        "key_prefix",
        "last_used_at",
        "name",
        "revoked_at",
        "revoked_reason",
        "user",
    },
    "accounts.CentreMembership": {"centre", "created_at", "id", "role", "user"},
    "accounts.FederationMembership": {"created_at", "federation", "id", "role", "user"},
    "accounts.Invitation": {
        "accepted_at",
        "approval_requested_at",
        "approved_at",
        "approved_by",
        "centre",
        "created_at",
        "email",
        "expires_at",
        "federation",
        "id",
        "invited_by",
        "language",
        "municipality",
        "refused_at",
        "role",
        "token_hash",
    },
    "accounts.MunicipalityViewer": {"created_at", "id", "municipality", "user"},
    # The e-mail address typed at a failed sign-in (an account's login, or a guess), a count
    # and a time: the per-account throttle (accounts.throttle), no centre's data.
    "accounts.SignInThrottle": {"email", "failures", "id", "last_failure_at"},
    "accounts.User": {
        "date_joined",
        "email",
        "full_name",
        "id",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "password",
        "preferred_language",
    },
    "accounts.User_groups": {"group", "id", "user"},
    "accounts.User_user_permissions": {"id", "permission", "user"},
    "admin.LogEntry": {
        "action_flag",
        "action_time",
        "change_message",
        "content_type",
        "id",
        "object_id",
        "object_repr",
        "user",
    },
    "auth.Group": {"id", "name"},
    "auth.Group_permissions": {"group", "id", "permission"},
    "auth.Permission": {"codename", "content_type", "id", "name"},
    "axes.AccessAttempt": {
        "attempt_time",
        "failures_since_start",
        "get_data",
        "http_accept",
        "id",
        "ip_address",
        "path_info",
        "post_data",
        "user_agent",
        "username",
    },
    "axes.AccessAttemptExpiration": {"access_attempt", "expires_at"},
    "axes.AccessFailureLog": {
        "attempt_time",
        "http_accept",
        "id",
        "ip_address",
        "locked_out",
        "path_info",
        "user_agent",
        "username",
    },
    "axes.AccessLog": {
        "attempt_time",
        "http_accept",
        "id",
        "ip_address",
        "logout_time",
        "path_info",
        "session_hash",
        "user_agent",
        "username",
    },
    "contenttypes.ContentType": {"app_label", "id", "model"},
    "dashboard.DashboardSettings": {"federation", "hour_value", "id", "updated_at"},
    "django_tasks_database.DBTaskResult": {
        "args_kwargs",
        "backend_name",
        "enqueued_at",
        "exception_class_path",
        "finished_at",
        "id",
        "priority",
        "queue_name",
        "return_value",
        "run_after",
        "started_at",
        "status",
        "task_path",
        "traceback",
        "worker_ids",
    },
    "networks.MeetingNote": {
        "author",
        "centre",
        "created_at",
        "federation",
        "id",
        "meeting_date",
        "network",
        "text",
        "title",
    },
    "networks.Network": {
        "closed_at",
        "created_at",
        "created_by",
        "federation",
        "goal",
        "id",
        "name",
        "period_end",
        "period_start",
        "target_groups",
        "theme",
    },
    "networks.NetworkFile": {
        "centre",
        "content_type",
        "created_at",
        "federation",
        "file",
        "id",
        "network",
        "original_name",
        "size",
        "uploaded_by",
    },
    "networks.NetworkMembership": {"added_at", "added_by", "centre", "id", "network"},
    "networks.NetworkPost": {
        "author",
        "centre",
        "created_at",
        "federation",
        "id",
        "network",
        "text",
    },
    "otp_static.StaticDevice": {
        "confirmed",
        "created_at",
        "id",
        "last_used_at",
        "name",
        "throttling_failure_count",
        "throttling_failure_timestamp",
        "user",
    },
    "otp_static.StaticToken": {"device", "id", "token"},
    "otp_totp.TOTPDevice": {
        "confirmed",
        "created_at",
        "digits",
        "drift",
        "id",
        "key",
        "last_t",
        "last_used_at",
        "name",
        "step",
        "t0",
        "throttling_failure_count",
        "throttling_failure_timestamp",
        "tolerance",
        "user",
    },
    "reports.AnnualReportSnapshot": {
        "centre",
        "cooperation",
        "figures",
        "highlights",
        "id",
        "language",
        "partners",
        "plans",
        "submitted_at",
        "submitted_by",
        "summary",
        "version",
        "year",
    },
    "reports.AnnualReportStatus": {"centre", "changed_at", "id", "status", "year"},
    # A federation's template of a record of processing activities: what its centres
    # typically process, written by the federation; no person's data.
    "ropa.ProcessingActivityTemplate": {
        "data_categories",
        "data_subjects",
        "federation",
        "id",
        "legal_basis",
        "name",
        "position",
        "purpose",
        "recipients",
        "retention",
        "security_measures",
    },
    "sessions.Session": {"expire_date", "session_data", "session_key"},
    "statistics.CentreFigure": {"centre", "dimension", "key", "month", "value"},
    "statistics.CentreWatermark": {"centre", "computed_at", "id", "source_version"},
    "statistics.FederationFigure": {"dimension", "federation", "key", "month", "value"},
    "statistics.PublicActivityListing": {
        "category",
        "centre",
        "end_time",
        "first_date",
        "id",
        "last_date",
        "name",
        "next_date",
        "place",
        "recurrence",
        "start_time",
    },
    "statistics.StatisticsRun": {
        "centres_checked",
        "centres_recomputed",
        "finished_at",
        "id",
        "kind",
        "rows_written",
        "started_at",
    },
    "tenants.Centre": {
        "created_at",
        "federation",
        "id",
        "municipality",
        "name",
        "ownership_form",
        "regional_network",
        "schema_name",
        "slug",
        "retention_until",
        "status",
        "status_changed_at",
        "trial_ends_on",
    },
    "tenants.CentreStatusChange": {
        "centre",
        "changed_at",
        "changed_by",
        "from_status",
        "id",
        "note",
        "source",
        "to_status",
    },
    "tenants.Domain": {"domain", "id", "is_primary", "tenant"},
    "tenants.Federation": {
        "country",
        "currency",
        "default_language",
        "id",
        "name",
        "slug",
        "time_zone",
    },
    "tenants.FederationActivityCategory": {
        "code",
        "federation",
        "id",
        "name_da",
        "name_en",
        "name_nb",
        "position",
    },
    "tenants.Municipality": {"country", "county", "id", "name", "number"},
}

# Models that hold what leaves a centre: no field may name, contact or identify a person of
# the centre. Free text is allowed only where the centre's staff write it for the reader
# (report narrative, network posts and notes); figures are codes and numbers.
FROM_CENTRES = {
    "statistics.CentreFigure",
    "statistics.FederationFigure",
    "statistics.PublicActivityListing",
    "reports.AnnualReportSnapshot",
}
PERSONAL_FIELD_WORDS = ("first_name", "last_name", "phone", "address", "birth", "email")


def shared_models():
    return {
        model._meta.label: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config.name in settings.SHARED_APPS
    }


def test_every_field_of_every_shared_model_is_on_the_allow_list():
    found = {
        label: {field.name for field in model._meta.concrete_fields}
        for label, model in shared_models().items()
    }
    assert found == ALLOWED_FIELDS


def test_nothing_that_leaves_a_centre_has_a_field_for_a_persons_details():
    models = shared_models()
    for label in FROM_CENTRES:
        for field in models[label]._meta.concrete_fields:
            assert not any(word in field.name for word in PERSONAL_FIELD_WORDS), (label, field)


def test_figures_are_codes_and_numbers_only():
    from shared_apps.statistics.models import CentreFigure

    kinds = {field.name: field.get_internal_type() for field in CentreFigure._meta.concrete_fields}
    assert kinds == {
        "centre": "ForeignKey",
        "key": "CharField",
        "dimension": "CharField",
        "month": "DateField",
        "value": "DecimalField",
    }
