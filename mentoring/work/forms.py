"""Forms of the work of a pair: the meeting log (made for a phone), plans, completion."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField, DateInput, model_formfield
from accounts.ids import IdMultipleChoiceField
from mentoring.models import DevelopmentPlan, Meeting, Participant, PlanItem
from mentoring.work.services import meeting_before_start_error

LARGE = {"class": "form-control-lg"}


class PersonChoices(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class MeetingForm(forms.ModelForm):
    """One line of the meeting log: one column, large inputs, today's date, the next expected type
    and everyone of the pair or group ticked as present.

    A date before the pair's start by the order is refused next to the date, and only then the box
    «held before the work by the order began» appears: ticked, it saves the meeting as it is."""

    attendees = PersonChoices(
        label=_("Who attended"),
        queryset=Participant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    before_start = forms.BooleanField(
        label=_("The meeting was held before the work by the order began"), required=False, widget=forms.HiddenInput
    )

    class Meta:
        model = Meeting
        formfield_callback = model_formfield
        fields = ["held_on", "type", "format", "topic", "content", "result", "duration_minutes", "attendees"]
        widgets = {
            "held_on": DateInput(attrs=LARGE),
            "type": forms.RadioSelect,
            "format": forms.RadioSelect,
            "topic": forms.TextInput(attrs={**LARGE, "autocomplete": "off"}),
            "content": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "duration_minutes": forms.NumberInput(attrs={**LARGE, "inputmode": "numeric", "step": 5}),
        }

    def __init__(
        self,
        *args,
        people: list[Participant],
        present: list[Participant],
        next_type: str,
        approved_start: datetime.date,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.approved_start = approved_start
        self.initial.setdefault("before_start", self.instance.before_start)
        # Shown again while it is ticked (another field may be wrong) or was ticked for this meeting.
        if self.instance.before_start or (self.is_bound and self.data.get(self.add_prefix("before_start")) == "on"):
            self.show_before_start()
        self.fields["attendees"].queryset = Participant.objects.filter(pk__in=[person.pk for person in people])
        # Keeps the order mentor first, then the mentees by name.
        self.fields["attendees"].choices = [(person.pk, person.full_name) for person in people]
        self.fields["type"].choices = Meeting.Type.choices
        self.fields["format"].choices = Meeting.Format.choices
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
            self.initial.setdefault("type", next_type)
            self.initial.setdefault("attendees", [person.pk for person in present])

    def show_before_start(self) -> None:
        self.fields["before_start"].widget = forms.CheckboxInput()

    def clean(self):
        data = super().clean()
        held_on = data.get("held_on")
        if held_on and held_on < self.approved_start:
            self.show_before_start()
            if not data.get("before_start"):
                self.add_error(None, meeting_before_start_error(self.approved_start))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "before_start": bool(data.get("before_start")),
            "held_on": data["held_on"],
            "type": data["type"],
            "format": data["format"],
            "topic": data["topic"],
            "content": data.get("content", ""),
            "result": data.get("result", ""),
            "duration_minutes": data["duration_minutes"],
            "attendees": list(data.get("attendees") or []),
        }


class PlanForm(forms.ModelForm):
    class Meta:
        model = DevelopmentPlan
        fields = ["goal", "tasks"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 2}), "tasks": forms.Textarea(attrs={"rows": 4})}


class PlanItemForm(forms.Form):
    """A row of the plan: section, activity, term, form of the result."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    section = forms.CharField(label=_("Section"), max_length=200, required=False)
    activity = forms.CharField(label=_("Activity"), widget=forms.Textarea(attrs={"rows": 2}))
    due_on = DateField(label=_("Term"), required=False)
    result_form = forms.CharField(label=_("Form of the result"), max_length=300, required=False)


class BasePlanItemFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The rows kept, in their order: every row the page showed from the plan, changed or not,
        and the blank rows filled in; deleted rows and blank rows left blank are left out.

        A row of the plan left as it was has not "changed" for Django; it is still a row the user
        keeps, and plan_save deletes every row it is not given (with its done mark)."""
        shown_from_plan = self.initial_form_count()
        return [
            {name: form.cleaned_data.get(name) for name in ("id", "section", "activity", "due_on", "result_form")}
            for index, form in enumerate(self.forms)
            if (index < shown_from_plan or form.has_changed())
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
        ]


PlanItemFormSet = forms.formset_factory(PlanItemForm, formset=BasePlanItemFormSet, extra=3, can_delete=True)


def plan_item_initial(items: list[PlanItem]) -> list[dict]:
    return [
        {
            "id": item.pk,
            "section": item.section,
            "activity": item.activity,
            "due_on": item.due_on,
            "result_form": item.result_form,
        }
        for item in items
    ]


class PlanTemplateSaveForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the template"),
        max_length=200,
        help_text=_("For example, «Адаптация молодого специалиста» or «Подготовка к ОГЭ по математике»."),
    )


class TemplateChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PlanTemplateApplyForm(forms.Form):
    """Which template to write the plans of a pair or group from; the box to replace the plans that
    are written already appears only when there are some."""

    template = TemplateChoice(label=_("Template"), queryset=None, empty_label=None)
    replace = forms.BooleanField(label=_("Replace the plans already written"), required=False)

    def __init__(self, *args, templates, with_plan: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        if with_plan:
            self.fields["replace"].help_text = _(
                "Already written: %(names)s. Ticked, their rows and done marks are deleted and the plan is "
                "written anew from the template; unticked, these plans stay as they are."
            ) % {"names": ", ".join(with_plan)}
        else:
            del self.fields["replace"]


class PlanItemDoneForm(forms.Form):
    """The mentor's mark on a row: when it was done and how."""

    done_on = DateField(label=_("Done on"), required=False)
    mentor_mark = forms.CharField(label=_("Mentor's mark"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if "undo" not in self.data and not data.get("done_on") and not self.errors:
            self.add_error("done_on", _("Give the date it was done."))
        return data

    @property
    def undo(self) -> bool:
        return "undo" in self.data


class UnitCompleteForm(forms.Form):
    """Completion: date, results, the published case and the full-cycle mark of each mentee."""

    finished_on = DateField(label=_("Date of completion"))
    results = forms.CharField(
        label=_("Results"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They go into the registries of mentors and mentees."),
    )
    case_url = forms.URLField(
        label=_("Link to the published case"),
        required=False,
        assume_scheme="https",
        help_text=_("The page on the organization's site with the case or feedback."),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = memberships
        for membership in memberships:
            self.fields[self.mark_name(membership)] = forms.BooleanField(
                label=_("%(name)s completed the full cycle") % {"name": membership.mentee.full_name},
                required=False,
                # Unticked: the curator states the full cycle of each person, nothing is assumed.
                initial=False,
            )

    @staticmethod
    def mark_name(membership) -> str:
        return f"full_cycle_{membership.mentee_id}"

    def full_cycle(self) -> dict[int, bool]:
        return {
            membership.mentee_id: bool(self.cleaned_data.get(self.mark_name(membership)))
            for membership in self.memberships
        }
