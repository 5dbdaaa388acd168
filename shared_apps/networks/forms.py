"""Input of the network pages, on the federation's host and (through the facade) on the
centre's; the rules live in services.py."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from shared_apps.networks.files import max_bytes
from shared_apps.networks.models import MAX_NOTE_LENGTH, MAX_POST_LENGTH, TARGET_GROUP_CHOICES
from tenants.models import Centre, Federation
from toolkit.errors import ApplicationError, form_add_error

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERSONAL_DATA_HINT = _(
    "Everyone in the network reads this. Do not write names or other details of volunteers "
    "or participants."
)


class NetworkForm(forms.Form):
    federation = forms.ModelChoiceField(label=_("Federation"), queryset=None, empty_label=None)
    name = forms.CharField(label=_("Name"), max_length=200)
    theme = forms.CharField(
        label=_("Theme"),
        max_length=200,
        help_text=_("For example: loneliness among young adults and seniors."),
    )
    goal = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the member centres want to achieve together."),
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TARGET_GROUP_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Highlighted in the network's figures."),
    )
    period_start = forms.DateField(label=_("Period start"), required=False, widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("Period end"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, federations: QuerySet[Federation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["federation"].queryset = federations
        if len(federations) == 1:
            self.fields["federation"].initial = federations[0]
            self.fields["federation"].widget = forms.HiddenInput()


class NetworkEditForm(NetworkForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, federations=Federation.objects.none(), **kwargs)
        del self.fields["federation"]


class MemberAddForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Centre"),
        queryset=None,
        empty_label=_("Choose a centre"),
        error_messages={
            "invalid_choice": _(
                "Choose one of the federation's own centres that is not a member yet."
            )
        },
    )

    def __init__(self, *args, centres: QuerySet[Centre], **kwargs):
        kwargs.setdefault("auto_id", "member-%s")
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres


class PostForm(forms.Form):
    text = forms.CharField(
        label=_("Your post"),
        max_length=MAX_POST_LENGTH,
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
        label=_("Notes"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=PERSONAL_DATA_HINT,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note-%s")
        super().__init__(*args, **kwargs)


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "file-%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, office documents, text, CSV or images (PNG, JPEG, GIF, WebP), at most %(limit)s."
        ) % {"limit": filesizeformat(max_bytes())}

    def share(self, upload: Callable[..., object]) -> str | None:
        """Share the chosen file with `upload(name=, content=, size=)`, the host's own service.

        Returns the file's name when it is shared; otherwise the errors are on the form."""
        if not self.is_valid():
            return None
        chosen = self.cleaned_data["file"]
        try:
            upload(name=chosen.name, content=chosen, size=chosen.size)
        except ApplicationError as error:
            form_add_error(self, error)
            return None
        return chosen.name


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs):
        kwargs.setdefault("auto_id", "figures-%s")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
