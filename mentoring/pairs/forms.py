"""Forms and list filters of programs and of pairs and groups."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.forms import DateField, model_formfield
from accounts.ids import IdMultipleChoiceField
from mentoring.academic_year import academic_year_choices, academic_year_label
from mentoring.models import (
    MentoringForm,
    MentoringUnit,
    Participant,
    Program,
    RoleModel,
    TeacherMentoringFormat,
    UnitMentee,
    normalize_name,
)
from mentoring.pairs.models import default_weights
from mentoring.pairs.selectors import curators_of, form_occupancy, idle_units, mentee_candidates, mentor_candidates
from mentoring.registry.forms import date_widgets

WEIGHT_LABELS = {
    "interests": _("Interests"),
    "competencies": _("Competencies"),
    "age": _("Age"),
    "grade": _("Class"),
    "partner": _("Partner"),
    "preference": _("Preferences"),
}
MAX_WEIGHT = 10


def weight_field(name: str) -> str:
    return f"weight_{name}"


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        formfield_callback = model_formfield
        fields = ["academic_year", "form", "title", "goals", "starts_on", "ends_on", "curator"]
        widgets = {**date_widgets("starts_on", "ends_on"), "goals": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, organization, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        years = academic_year_choices(today)
        if self.instance.pk and self.instance.academic_year not in dict(years):
            years.append((self.instance.academic_year, academic_year_label(self.instance.academic_year)))
        self.fields["academic_year"] = forms.TypedChoiceField(label=_("Academic year"), choices=years, coerce=int)
        forms_in_use = MentoringForm.objects.filter(is_active=True)
        if self.instance.pk:
            forms_in_use = MentoringForm.objects.filter(Q(is_active=True) | Q(pk=self.instance.form_id))
            if self.instance.units.exists():
                # Every unit copies the form of its program: changing it would break their rules.
                self.fields["form"].disabled = True
                self.fields["form"].help_text = _("The form cannot be changed: the program has pairs or groups.")
        self.fields["form"].queryset = forms_in_use
        self.fields["curator"].queryset = curators_of(organization)
        self.fields["curator"].label_from_instance = lambda user: user.get_full_name() or user.username
        weights = {**default_weights(), **(self.instance.matching_weights or {})}
        for name, label in WEIGHT_LABELS.items():
            self.fields[weight_field(name)] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=MAX_WEIGHT,
                initial=weights.get(name, 0),
            )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end is before the start."))
        return cleaned

    def save(self, commit=True):
        self.instance.matching_weights = {name: self.cleaned_data[weight_field(name)] for name in WEIGHT_LABELS}
        return super().save(commit)


class ProgramChoiceForm(forms.Form):
    """The first step of forming a unit: the program decides who may be mentor and mentee."""

    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none())

    def __init__(self, *args, programs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs.select_related("form")
        self.fields["program"].label_from_instance = lambda program: (
            f"{program.title} ({program.form}, {academic_year_label(program.academic_year)})"
        )


def person_label(person: Participant) -> str:
    detail = person.class_name or person.position
    return f"{person.full_name}, {detail}" if detail else person.full_name


def grouped_choices(
    people, in_registry: set[int], registry_label: str, label=person_label, taken: set[int] = frozenset()
) -> list:
    """The registry of the year first, then everyone else the form allows, and those already taken last."""
    free = [person for person in people if person.pk not in taken]
    listed = [(person.pk, label(person)) for person in free if person.pk in in_registry]
    others = [(person.pk, label(person)) for person in free if person.pk not in in_registry]
    groups = []
    if listed:
        groups.append((registry_label, listed))
    if others:
        groups.append((_("Other participants") if listed else _("Participants"), others))
    busy = [(person.pk, label(person)) for person in people if person.pk in taken]
    if busy:
        groups.append((_("Already in a pair or group of this form"), busy))
    return groups


class UnitForm(forms.Form):
    """Who is in the pair or group and its term; the rules themselves are checked by the services."""

    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Participant.objects.none())
    mentees = IdMultipleChoiceField(
        label=_("Mentees"),
        queryset=Participant.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One mentee makes a pair, several a group."),
    )
    role_model = forms.ModelChoiceField(label=_("Role model"), queryset=RoleModel.objects.none(), required=False)
    teacher_format = forms.ModelChoiceField(
        label=_("Format of teacher mentoring"), queryset=TeacherMentoringFormat.objects.all(), required=False
    )
    planned_from = DateField(label=_("Planned from"))
    planned_to = DateField(label=_("Planned to"))

    def __init__(self, *args, program: Program, unit: MentoringUnit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        year = academic_year_label(program.academic_year)
        current = []
        if unit is not None:
            current = [membership.mentee_id for membership in unit.mentees.all() if membership.left_on is None]
        mentors, mentor_registry = mentor_candidates(program)
        mentees, mentee_registry = mentee_candidates(program)
        # A unit being edited keeps its people even if their category no longer fits (the rules will say so).
        if unit is not None:
            mentors = Participant.objects.filter(Q(pk__in=mentors.values("pk")) | Q(pk=unit.mentor_id)).order_by(
                *name_order(), "pk"
            )
            mentees = Participant.objects.filter(Q(pk__in=mentees.values("pk")) | Q(pk__in=current)).order_by(
                *name_order(), "pk"
            )
        mentors, mentees = list(mentors), list(mentees)
        # What the capacity rules will weigh, shown beside each name so the curator chooses well.
        load, busy = form_occupancy(program, unit)
        capacity = program.form.mentor_capacity

        def mentor_label(person):
            taken = load.get(person.pk, 0)
            if not taken:
                return person_label(person)
            return _("%(person)s — mentees: %(taken)s of %(capacity)s") % {
                "person": person_label(person),
                "taken": taken,
                "capacity": capacity,
            }

        self.fields["mentor"].queryset = Participant.objects.filter(pk__in=[person.pk for person in mentors])
        self.fields["mentor"].choices = [
            ("", "---------"),
            *grouped_choices(mentors, mentor_registry, _("Mentor registry %(year)s") % {"year": year}, mentor_label),
        ]
        self.fields["mentees"].queryset = Participant.objects.filter(pk__in=[person.pk for person in mentees])
        self.fields["mentees"].choices = grouped_choices(
            mentees, mentee_registry, _("Mentee registry %(year)s") % {"year": year}, taken=busy
        )
        self.fields["role_model"].queryset = program.form.role_models.all()
        if not program.form.for_teachers:
            del self.fields["teacher_format"]
        today = timezone.localdate()
        if unit is None:
            self.initial.setdefault("planned_from", max(program.starts_on, min(today, program.ends_on)))
            self.initial.setdefault("planned_to", program.ends_on)
        else:
            self.initial.update(
                mentor=unit.mentor_id,
                mentees=current,
                role_model=unit.role_model_id,
                teacher_format=unit.teacher_format_id,
                planned_from=unit.planned_from,
                planned_to=unit.planned_to,
            )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("planned_from"), cleaned.get("planned_to")
        if start and end:
            if end < start:
                self.add_error("planned_to", _("The end is before the start."))
            elif start < self.program.starts_on or end > self.program.ends_on:
                self.add_error(
                    "planned_to",
                    _("The term must lie within the program's dates: %(start)s – %(end)s.")
                    % {"start": f"{self.program.starts_on:%d.%m.%Y}", "end": f"{self.program.ends_on:%d.%m.%Y}"},
                )
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "mentor": data["mentor"],
            "mentees": list(data["mentees"]),
            "role_model": data.get("role_model"),
            "teacher_format": data.get("teacher_format"),
            "planned_from": data["planned_from"],
            "planned_to": data["planned_to"],
        }


class UnitTerminateForm(forms.Form):
    finished_on = DateField(label=_("Date of termination"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, unit: MentoringUnit, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.today = unit, today
        self.initial.setdefault("finished_on", today)

    def clean_finished_on(self):
        day = self.cleaned_data["finished_on"]
        start = self.unit.started_on or self.unit.planned_from
        if day > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        if self.unit.started_on and day < start:
            raise forms.ValidationError(
                _("The date is before the start of the work (%(date)s).") % {"date": f"{start:%d.%m.%Y}"}
            )
        return day


class MenteeLeaveForm(forms.Form):
    mentee = forms.ModelChoiceField(label=_("Mentee"), queryset=Participant.objects.none())
    left_on = DateField(label=_("Date of leaving"))
    reason = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args, unit: MentoringUnit, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.today = unit, today
        self.fields["mentee"].queryset = Participant.objects.filter(
            unit_memberships__unit=unit, unit_memberships__left_on__isnull=True
        ).order_by(*name_order(), "pk")
        self.fields["mentee"].label_from_instance = person_label
        self.initial.setdefault("left_on", today)

    def clean_left_on(self):
        day = self.cleaned_data["left_on"]
        if day > self.today:
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day


class UnitReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should be revised"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Write what should be revised.")},
    )


class ApprovalForm(forms.Form):
    """The submitted units the director approves by one order (the service refuses an empty choice)."""

    units = IdMultipleChoiceField(queryset=MentoringUnit.objects.none(), required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units


class UnmatchedMarkForm(forms.Form):
    continue_search = forms.BooleanField(label=_("Continue the search for a mentor"), required=False)
    psychologist_support = forms.BooleanField(label=_("Psychologist's support"), required=False)


YES = [("yes", _("yes"))]


class UnitFilter(django_filters.FilterSet):
    """Filters of the list of units. Expects the queryset of unit_selectors.unit_list."""

    q = django_filters.CharFilter(label=_("Search by name"), method="filter_name")
    year = django_filters.TypedChoiceFilter(label=_("Academic year"), field_name="program__academic_year", coerce=int)
    program = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Program.objects.none())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MentoringUnit.Status.choices)
    form = django_filters.ModelChoiceFilter(label=_("Form of mentoring"), queryset=MentoringForm.objects.all())
    idle = django_filters.ChoiceFilter(
        label=_("No meeting for 30 days"), choices=YES, method="filter_idle", empty_label=_("all")
    )
    returned = django_filters.ChoiceFilter(
        label=_("Returned for revision"), choices=YES, method="filter_returned", empty_label=_("all")
    )

    class Meta:
        model = MentoringUnit
        fields: list[str] = []

    def __init__(self, *args, programs, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.filters["program"].queryset = programs
        self.filters["year"].extra["choices"] = academic_year_choices(today)
        for name, field in self.form.fields.items():
            field.required = False
            if name not in {"q", "idle", "returned"} and hasattr(field, "choices"):
                field.empty_label = _("all")
                if not isinstance(field, forms.ModelChoiceField):
                    field.choices = [("", _("all")), *list(field.choices)[1:]]
        self.form.fields["q"].widget = forms.TextInput(attrs={"placeholder": _("Mentor or mentee")})

    def filter_name(self, queryset, name, value):
        for word in normalize_name(value).split():
            mentee_named = Exists(UnitMentee.objects.filter(unit=OuterRef("pk"), mentee__search_name__contains=word))
            queryset = queryset.filter(Q(mentor__search_name__contains=word) | mentee_named)
        return queryset

    def filter_idle(self, queryset, name, value):
        return idle_units(queryset, self.today) if value == "yes" else queryset

    def filter_returned(self, queryset, name, value):
        # The mark stays on a draft until it is sent again.
        if value != "yes":
            return queryset
        return queryset.filter(status=MentoringUnit.Status.DRAFT, returned_at__isnull=False)
