"""Forms of the Положение: the template to start from, the text section by section, the order's date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField
from reports.statute.services import SECTION_TITLE_MAX, TITLE_MAX


class StatuteCreateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=None, empty_label=None)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates


class StatuteTitleForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=TITLE_MAX, widget=forms.Textarea(attrs={"rows": 2}), strip=True
    )


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Section title"), max_length=SECTION_TITLE_MAX, required=False)
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "A paragraph a line; they are numbered when printed (1.1, 1.2…). A line starting with a dash is an "
            "item of a list under the paragraph above."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        title, text = (cleaned.get("title") or "").strip(), (cleaned.get("text") or "").strip()
        if text and not title:
            self.add_error("title", _("Write the section's title, or clear its text to remove it."))
        return cleaned


class BaseSectionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("Number")
        form.fields["DELETE"].label = _("Delete")

    def sections(self) -> list[dict]:
        """The sections in the order given (their «Position» numbers, ties in the page's order);
        deleted and empty ones are dropped."""
        kept = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or self._should_delete_form(form):
                continue
            if not (data.get("title") or "").strip() and not (data.get("text") or "").strip():
                continue
            position = data.get("ORDER")
            kept.append((position if position is not None else 10_000 + index, index, data))
        kept.sort(key=lambda entry: (entry[0], entry[1]))
        return [{"title": data["title"], "text": data["text"]} for _position, _index, data in kept]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.sections():
            raise forms.ValidationError(_("The regulation needs at least one section."))


SectionFormSet = forms.formset_factory(
    SectionForm, formset=BaseSectionFormSet, extra=1, can_order=True, can_delete=True
)


class StatuteOrderForm(forms.Form):
    date = DateField(label=_("Date of the order"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
