from django.urls import path

from tenant_apps.home import views

app_name = "site"
urlpatterns = [
    path("calendar/", views.calendar_list, name="calendar"),
    path("calendar/month/", views.calendar_month, name="calendar_month"),
    path("calendar/activity/<int:activity_id>/", views.activity_page, name="activity"),
    path("calendar.ics", views.calendar_feed, name="calendar_feed"),
    path("embed/calendar/", views.calendar_embed, name="calendar_embed"),
    path("news/", views.news_list, name="news"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("logo/<int:version>/", views.logo, name="logo"),
]
