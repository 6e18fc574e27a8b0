import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reports.models import Order, OrderKind

# Sorting "by number" follows the register: the year, the series (orders, then letters), then the
# number within it; numbers given by hand (no sequence, e.g. 223/1-ОД) close their series' year.
ORDERINGS = {
    "-date": ("-date", F("sequence").desc(nulls_last=True), "-pk"),
    "date": ("date", F("sequence").asc(nulls_last=True), "pk"),
    "-number": ("-year", "-series", F("sequence").desc(nulls_first=True), "-number", "-pk"),
    "number": ("year", "-series", F("sequence").asc(nulls_last=True), "number", "pk"),
}
# The register's tabs: every document, the orders, the outgoing letters (each series has its own numbers).
SERIES_CHOICES = [(OrderKind.Document.ORDER, _("Orders")), (OrderKind.Document.LETTER, _("Outgoing letters"))]
ORDERING_CHOICES = [
    ("-date", _("newest first")),
    ("date", _("oldest first")),
    ("number", _("by number")),
    ("-number", _("by number, descending")),
]


class OrderFilter(django_filters.FilterSet):
    """Filters of the register. Kinds and years are given by the view from the register itself."""

    series = django_filters.ChoiceFilter(label=_("Documents"), choices=SERIES_CHOICES, widget=forms.HiddenInput)
    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ModelChoiceFilter(label=_("Kind of order"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Order.Status.choices)
    year = django_filters.TypedChoiceFilter(label=_("Year"), coerce=int)
    ordering = django_filters.ChoiceFilter(label=_("Sort by"), choices=ORDERING_CHOICES, method="sort")

    class Meta:
        model = Order
        fields: list[str] = []

    def __init__(self, *args, kinds, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].queryset = kinds
        self.filters["year"].extra["choices"] = [("", _("all")), *((year, str(year)) for year in years)]
        fields = self.form.fields
        for field in fields.values():
            field.required = False
        fields["kind"].empty_label = fields["status"].empty_label = _("all")
        # Sorting always has a value: the newest first unless chosen otherwise.
        fields["ordering"].empty_label = None
        for name in ("status", "ordering"):
            # The widget still iterates the choices of the class's field, made before the labels changed.
            fields[name].widget.choices = fields[name].choices
        fields["q"].widget = forms.TextInput(attrs={"placeholder": _("Title or number")})

    def filter_text(self, queryset, name, value):
        # icontains ignores the case of Cyrillic on PostgreSQL; SQLite's LIKE only of Latin letters.
        for word in value.split():
            queryset = queryset.filter(Q(title__icontains=word) | Q(number__icontains=word))
        return queryset

    def sort(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS.get(value, ORDERINGS["-date"]))
