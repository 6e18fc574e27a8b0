"""The error summary of a page whose form came back with errors (WCAG 3.3.1, 4.1.3).

base.html asks ``{% form_errors as form_errors %}`` once: every bound form and formset of the page's
context that has errors gives its messages, each with the id of its field. The page then shows them
above the content in a summary with role="alert" that app.js focuses, each message a link to its
field, and the title starts with «Ошибка: ». Every form page inherits this, however it renders its
fields (crispy, field by field, or by hand as the questionnaire does).
"""

from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class FormError:
    message: str
    label: str = ""
    # The id of the element to go to: the field's input, or the first of its radio buttons or boxes.
    target: str = ""


def field_target(bound_field) -> str:
    if bound_field.is_hidden or not bound_field.auto_id:
        return ""
    if isinstance(bound_field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id


def errors_of_form(form: forms.BaseForm, row: int | None = None) -> list[FormError]:
    found = []
    for message in form.non_field_errors():
        found.append(FormError(message=str(message)))
    for name, messages in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS or name not in form.fields:
            continue
        bound_field = form[name]
        label = str(bound_field.label or "")
        if row is not None and label:
            label = _("%(label)s, row %(row)s") % {"label": label, "row": row}
        for message in messages:
            found.append(FormError(message=str(message), label=label, target=field_target(bound_field)))
    return found


def errors_of(value) -> list[FormError]:
    if isinstance(value, forms.BaseForm):
        return errors_of_form(value) if value.is_bound and value.errors else []
    if isinstance(value, BaseFormSet) and value.is_bound:
        found = [FormError(message=str(message)) for message in value.non_form_errors()]
        for number, form in enumerate(value.forms, start=1):
            if form.errors:
                found += errors_of_form(form, row=number)
        return found
    return []


@register.simple_tag(takes_context=True)
def form_errors(context) -> list[FormError]:
    """The errors of every bound form and formset in the context, each object once."""
    seen = set()
    found = []
    for value in context.flatten().values():
        if id(value) in seen:
            continue
        seen.add(id(value))
        found += errors_of(value)
    return found
