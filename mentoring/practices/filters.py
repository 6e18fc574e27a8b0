import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from accounts.collation import collated
from mentoring.models import MentoringForm, Practice, RoleModel, normalize_name
from mentoring.practices.forms import role_model_label

ORDERING = [("new", _("newest first")), ("title", _("title")), ("organization", _("organization"))]


class PracticeFilter(django_filters.FilterSet):
    """Search of the municipal registry: words in the title and the sections, form, role model, topic."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_words")
    form = django_filters.ModelChoiceFilter(label=_("Form of mentoring"), queryset=MentoringForm.objects.all())
    role_model = django_filters.ModelChoiceFilter(label=_("Role model"), queryset=RoleModel.objects.none())
    topic = django_filters.CharFilter(label=_("Topic"), method="filter_topic")
    order = django_filters.ChoiceFilter(label=_("Sort by"), choices=ORDERING, method="filter_order")

    class Meta:
        model = Practice
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["role_model"].queryset = RoleModel.objects.select_related("form").order_by(
            "form__position", "form__name", "name"
        )
        fields = self.form.fields
        fields["role_model"].label_from_instance = role_model_label
        fields["form"].empty_label = fields["role_model"].empty_label = _("all")
        fields["order"].choices = fields["order"].widget.choices = ORDERING
        fields["q"].widget = forms.TextInput(attrs={"placeholder": _("Words of the title or the description")})
        fields["topic"].widget = forms.TextInput(attrs={"placeholder": _("e.g. адаптация")})

    def filter_words(self, queryset, name, value):
        # Every word somewhere in the title, the topics or the sections, case and ё aside.
        for word in normalize_name(value).split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def filter_topic(self, queryset, name, value):
        return queryset.filter(search_topics__contains=normalize_name(value)) if value.strip() else queryset

    def filter_order(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        order = self.form.cleaned_data.get("order") if self.form.is_valid() else None
        if order in EMPTY_VALUES or order == "new":
            return queryset.order_by("-published_at", "-pk")
        if order == "title":
            return queryset.order_by(collated("title").asc(), "pk")
        return queryset.order_by(collated("organization__short_name").asc(), collated("title").asc(), "pk")
