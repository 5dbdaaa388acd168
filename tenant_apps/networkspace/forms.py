"""Input of the centre's network pages; the rules live in shared_apps.networks.services,
reached through the facade."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSONAL_DATA_HINT = _(
    "Everyone in the network reads this. Do not write names or other details of volunteers "
    "or participants."
)


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Your post"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=PERSONAL_DATA_HINT,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "post-%s")
        super().__init__(*args, **kwargs)


class MeetingNoteForm(forms.Form):
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE_WIDGET)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 6}), help_text=PERSONAL_DATA_HINT
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note-%s")
        super().__init__(*args, **kwargs)


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, office documents, text, CSV or images (PNG, JPEG, GIF, WebP)."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "file-%s")
        super().__init__(*args, **kwargs)


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        kwargs.setdefault("auto_id", "figures-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
