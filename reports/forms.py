"""Forms of the order register: a new draft, editing a draft, cancelling."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField, model_formfield
from reports.models import Order, OrderKind
from reports.selectors import number_taken

# Cells of an appendix row are typed on one line, separated by a vertical bar.
CELL_SEPARATOR = "|"


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class OrderCreateForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind of order"), queryset=OrderKind.objects.none(), empty_label=None)
    partner = forms.ModelChoiceField(
        label=_("Partner organization"),
        queryset=None,
        required=False,
        empty_label=_("not chosen"),
        help_text=_("Only for a letter to a partner: its name goes into the text."),
    )
    date = DateField(label=_("Date"))
    event_date = DateField(
        label=_("Date of the event"),
        required=False,
        help_text=_(
            "Only for an order about an event (the final event): printed in its text. Empty: the term of "
            "the event in the roadmap, else a blank to fill in by hand."
        ),
    )

    def __init__(self, *args, kinds, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds
        if partners is None:
            del self.fields["partner"]
        else:
            self.fields["partner"].queryset = partners
        self.initial.setdefault("date", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if cleaned.get("partner") and kind and kind.document != OrderKind.Document.LETTER:
            # A partner means nothing to an order's text; ignored rather than refused.
            cleaned["partner"] = None
        return cleaned


class OrderForm(forms.ModelForm):
    """The draft's own fields; items, the people to acquaint and appendix rows are fields of their own
    (the items a formset, see ItemFormSet) and are joined into the order's lists by ``service_fields``."""

    acquainted_text = forms.CharField(
        label=_("To acquaint with the order"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One full name per line."),
    )

    class Meta:
        model = Order
        formfield_callback = model_formfield
        fields = [
            "date",
            "number",
            "place",
            "header_founder",
            "header_organization",
            "header_details",
            "title",
            "preamble",
            "control_text",
            "addressee",
            "body",
            "signatory_position",
            "signatory_name",
            "executor",
            "executor_phone",
        ]
        labels = {
            "date": _("Date"),
            "number": _("Number"),
            "title": _("Title"),
            "signatory_name": _("Signatory (initials and last name)"),
        }
        widgets = {
            "header_founder": forms.Textarea(attrs={"rows": 2}),
            "header_organization": forms.Textarea(attrs={"rows": 2}),
            "header_details": forms.Textarea(attrs={"rows": 5}),
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 5}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "executor": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, number_pattern: str, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.instance
        self.fields["number"].help_text = _(
            "Empty: given from the numbering pattern (%(pattern)s) when registered."
        ) % {"pattern": number_pattern}
        if order.is_letter:
            for name in ("place", "preamble", "control_text", "acquainted_text"):
                del self.fields[name]
            self.fields["header_details"].help_text = _(
                "Printed under the name in the letterhead, a line each: address, phone and e-mail, website, codes."
            )
        else:
            for name in ("header_details", "addressee", "body"):
                del self.fields[name]
            self.initial.setdefault("acquainted_text", "\n".join(order.acquainted))
        self.appendix_fields = []
        for index, appendix in enumerate(order.appendices):
            if appendix.get("chapters"):
                # A document in sections (the Положение) is edited as such, in its own pages.
                continue
            title_name, rows_name = f"appendix_{index}_title", f"appendix_{index}_rows"
            self.fields[title_name] = forms.CharField(
                label=_("Appendix %(number)s: heading") % {"number": index + 1},
                initial=appendix.get("title", ""),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[rows_name] = forms.CharField(
                label=_("Appendix %(number)s: table rows") % {"number": index + 1},
                initial="\n".join(f" {CELL_SEPARATOR} ".join(row) for row in appendix.get("rows", [])),
                required=False,
                widget=forms.Textarea(
                    attrs={"rows": max(6, len(appendix.get("rows", [])) + 2), "wrap": "off", "class": "font-monospace"}
                ),
                help_text=_("One row per line, cells separated by « | ». Columns: %(columns)s.")
                % {"columns": f" {CELL_SEPARATOR} ".join(appendix.get("columns", []))},
            )
            self.appendix_fields.append((index, title_name, rows_name))

    def appendix_bound_fields(self):
        return [(self[title_name], self[rows_name]) for _index, title_name, rows_name in self.appendix_fields]

    def _post_clean(self):
        # The service validates and saves the order; the form does not touch the instance.
        pass

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean(self):
        cleaned = super().clean()
        number, date = cleaned.get("number"), cleaned.get("date")
        if number and date and number_taken(self.instance, number, date.year):
            self.add_error(
                "number",
                _("Number %(number)s is already taken in %(year)s.") % {"number": number, "year": date.year},
            )
        for index, _title, rows_name in self.appendix_fields:
            if rows_name in cleaned:
                try:
                    cleaned[rows_name] = self.parse_rows(cleaned[rows_name], self.instance.appendices[index])
                except ValidationError as error:
                    self.add_error(rows_name, error)
        return cleaned

    @staticmethod
    def parse_rows(text: str, appendix: dict) -> list[list[str]]:
        width = len(appendix.get("columns", []))
        rows, problems = [], []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.split(CELL_SEPARATOR)]
            if width and len(cells) != width:
                problems.append(
                    ValidationError(
                        _("Line %(line)s: %(cells)s cells, the table has %(width)s columns."),
                        params={"line": number, "cells": len(cells), "width": width},
                    )
                )
            rows.append(cells)
        if problems:
            raise ValidationError(problems)
        return rows

    def service_fields(self, items: list[dict] | None) -> dict:
        """The keyword arguments of reports.services.order_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields if name in self.fields}
        if items is not None:
            fields["items"] = items
        if "acquainted_text" in self.fields:
            fields["acquainted"] = lines(data["acquainted_text"])
        if self.appendix_fields:
            appendices = list(self.instance.appendices)
            for index, title_name, rows_name in self.appendix_fields:
                appendix = appendices[index]
                edited = {**appendix, "title": data[title_name].strip(), "rows": data[rows_name]}
                if len(data[rows_name]) != len(appendix.get("rows", [])):
                    # Rows added or removed: the merged cells and section rows, kept by row index,
                    # would fall on other rows, so the table prints without them.
                    edited.pop("merged", None)
                    edited.pop("sections", None)
                appendices[index] = edited
            fields["appendices"] = appendices
        return fields


class ItemForm(forms.Form):
    text = forms.CharField(label=_("Text of the item"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    responsible = forms.CharField(label=_("Responsible"), required=False, max_length=300)
    term = forms.CharField(label=_("Term"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        for name in ("text", "responsible", "term"):
            cleaned[name] = (cleaned.get(name) or "").strip()
        if not cleaned["text"] and (cleaned["responsible"] or cleaned["term"]):
            self.add_error("text", _("Write the text of the item or clear the row."))
        return cleaned


class BaseItemFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        """The items in their order; deleted and empty rows are dropped."""
        kept = []
        for form in self.forms:
            if not form.cleaned_data or (self.can_delete and self._should_delete_form(form)):
                continue
            if form.cleaned_data["text"]:
                kept.append({name: form.cleaned_data[name] for name in ("text", "responsible", "term")})
        return kept


ItemFormSet = forms.formset_factory(ItemForm, formset=BaseItemFormSet, extra=2, can_delete=True)


class OrderCancelForm(forms.Form):
    cancel_reason = forms.CharField(
        label=_("Reason of cancelling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. the number of the order that cancels it."),
    )
