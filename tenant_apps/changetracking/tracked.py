"""The tables whose writes change a centre's statistics (see models.ChangeMark).

Every table a statistics collector or publisher reads must be here, and have the trigger
that raises the change mark: add a table here and, in a new migration of this app, its
trigger (the SQL of migrations/0001_initial.py). tests/test_tracked_tables.py checks both.
"""

TRACKED_TABLES = (
    "activities_activitycategory",
    "activities_activity",
    "activities_session",
    "activities_attendance",
    "hours_hoursentry",
    "people_volunteer",
    "people_participant",
    "helprequests_requesttype",
    "helprequests_helprequest",
    "helprequests_assignment",
)
