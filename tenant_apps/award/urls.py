from django.urls import path

from tenant_apps.award import views

app_name = "award"
urlpatterns = [
    # Public (no sign-in)
    path("", views.award_public, name="public"),
    path("<int:round_id>/nominate/", views.nominate, name="nominate"),
    path("thanks/", views.nominate_thanks, name="thanks"),
    path("winners/", views.winners, name="winners"),
    # Staff
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round"),
    path("rounds/<int:round_id>/edit/", views.round_edit, name="round_edit"),
    path("nominations/<int:nomination_id>/", views.nomination_detail, name="nomination"),
    path(
        "nominations/<int:nomination_id>/shortlist/",
        views.nomination_shortlist,
        name="nomination_shortlist",
    ),
    path(
        "nominations/<int:nomination_id>/winner/",
        views.nomination_pick_winner,
        name="nomination_winner",
    ),
    path("nominations/<int:nomination_id>/publish/", views.winner_publish, name="publish"),
]
