from django.contrib import admin

from shared_apps.ropa.models import ProcessingActivityTemplate


@admin.register(ProcessingActivityTemplate)
class ProcessingActivityTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "federation", "position"]
    list_filter = ["federation"]
    ordering = ["federation", "position"]
