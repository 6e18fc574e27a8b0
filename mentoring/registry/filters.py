import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from accounts.collation import name_order
from mentoring.models import Consent, Participant, normalize_name
from mentoring.registry.consents import ConsentStatus, filter_by_consent_status
from mentoring.registry.selectors import young_specialists

REGISTRY_CHOICES = [("mentor", _("mentors")), ("mentee", _("mentees")), ("none", _("in no registry"))]
NOT_VALID = "not_valid"
CONSENT_CHOICES = [(NOT_VALID, _("not valid, any reason")), *((status.value, status.label) for status in ConsentStatus)]
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class RegistryOrdering(django_filters.OrderingFilter):
    """Sorting of the registry list. By name it is the Russian dictionary order (Ё with Е, case
    ignored; accounts.collation), and every choice ends with the name and the id, so that pages of
    the list neither repeat nor skip anyone."""

    def filter(self, qs, value):
        fields = [param for param in (value or []) if param not in EMPTY_VALUES]
        if not fields:
            return qs
        ordering = []
        for param in fields:
            field = self.get_ordering_value(param)
            if field.lstrip("-") == "last_name":
                ordering += name_order(descending=field.startswith("-"))
            else:
                ordering.append(field)
        return qs.order_by(*ordering, *name_order(), "pk")


class ParticipantFilter(django_filters.FilterSet):
    """Filters of the registry list. Expects the queryset of selectors.participant_list."""

    q = django_filters.CharFilter(label=_("Search by name"), method="filter_name")
    # The year only chooses which registries the list shows (see the view); it filters no rows.
    year = django_filters.ChoiceFilter(label=_("Academic year"), method="keep", empty_label=None)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Participant.Category.choices)
    registry = django_filters.ChoiceFilter(label=_("Registry"), choices=REGISTRY_CHOICES, method="filter_registry")
    class_name = django_filters.ChoiceFilter(label=_("Class or group"), method="filter_class")
    consent = django_filters.ChoiceFilter(
        label=_("Consent to processing"), choices=CONSENT_CHOICES, method="filter_consent"
    )
    young_specialist = django_filters.ChoiceFilter(label=_("Young specialist"), choices=YES_NO, method="filter_young")
    full_cycle = django_filters.ChoiceFilter(label=_("Full cycle"), choices=YES_NO, method="filter_full_cycle")
    ordering = RegistryOrdering(
        label=_("Sort by"),
        fields=(("last_name", "name"), ("grade", "grade"), ("birth_date", "birth_date"), ("created_at", "created")),
        field_labels={
            "last_name": _("name"),
            "grade": _("class"),
            "birth_date": _("date of birth"),
            "created_at": _("date added"),
        },
    )

    class Meta:
        model = Participant
        fields: list[str] = []

    def __init__(self, *args, class_names=(), year_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["class_name"].extra["choices"] = [(name, name) for name in class_names]
        self.filters["year"].extra["choices"] = year_choices
        for name, field in self.form.fields.items():
            field.required = False
            if name not in {"year", "q"} and hasattr(field, "choices"):
                empty = _("default order") if name == "ordering" else _("all")
                field.choices = [("", empty), *list(field.choices)[1:]]
        self.form.fields["q"].widget = forms.TextInput(attrs={"placeholder": _("Last name, first name")})

    def keep(self, queryset, name, value):
        return queryset

    def filter_name(self, queryset, name, value):
        for word in normalize_name(value).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def filter_registry(self, queryset, name, value):
        if value == "mentor":
            return queryset.filter(is_mentor=True)
        if value == "mentee":
            return queryset.filter(is_mentee=True)
        return queryset.filter(is_mentor=False, is_mentee=False)

    def filter_class(self, queryset, name, value):
        return queryset.filter(class_name=value)

    def filter_consent(self, queryset, name, value):
        if value == NOT_VALID:
            return queryset.filter(processing_valid=False)
        return filter_by_consent_status(queryset, Consent.Kind.PROCESSING, ConsentStatus(value), timezone.localdate())

    def filter_young(self, queryset, name, value):
        young = young_specialists(queryset, timezone.localdate())
        return young if value == "yes" else queryset.exclude(pk__in=young.values("pk"))

    def filter_full_cycle(self, queryset, name, value):
        return queryset.filter(full_cycle=value == "yes")
