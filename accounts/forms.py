import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.ids import IdMultipleChoiceField
from accounts.models import Municipality, Organization, User

# A day, a month and a year as typed: «5.9.2026», «05.09.26». Used to tell a date that does not
# exist (31.02.2026) from one typed in another shape.
DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")


class DateInput(forms.DateInput):
    """The one date input of the product: typed as dd.mm.yyyy whatever the browser's language (a
    browser's own ``type="date"`` shows its locale's order, mm/dd/yyyy in an English one), with a
    calendar that static/js/datepicker.js opens from a button beside it (``data-datepicker``). The
    digits keyboard comes up on a phone."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": _("dd.mm.yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "data-datepicker": "",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d.%m.%Y")


class DateField(forms.DateField):
    """The one date field of the product: the shared input, the formats of DATE_INPUT_FORMATS
    (dd.mm.yyyy first; dd.mm.yy and ISO are accepted too), and messages that say what to type."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Enter the date as dd.mm.yyyy, for example 05.09.2026."),
        "no_such_date": _("There is no such date: %(value)s. Check the day and the month."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            typed = value.strip() if isinstance(value, str) else ""
            if DOTTED_DATE.fullmatch(typed):
                raise ValidationError(
                    self.error_messages["no_such_date"], code="no_such_date", params={"value": typed}
                ) from None
            raise


def model_formfield(field: models.Field, **kwargs) -> forms.Field:
    """The project's form field for a model field (every ModelForm's ``Meta.formfield_callback``):
    a date is the shared DateField, a link typed without a scheme (school.ru/case) is taken as
    https, and many-to-many choices are ids checked before any query (IdMultipleChoiceField)."""
    if type(field) is models.DateField:
        kwargs.setdefault("form_class", DateField)
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.ManyToManyField):
        kwargs["form_class"] = IdMultipleChoiceField
    return field.formfield(**kwargs)


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong login, e-mail or password. The password is case-sensitive."),
    }
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class ContextSwitchForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = memberships

    def clean_membership(self):
        chosen = self.cleaned_data["membership"]
        for membership in self.memberships:
            if membership.pk == chosen:
                return membership
        raise forms.ValidationError(_("This role is not yours."))


class ProfileForm(forms.ModelForm):
    """What a person keeps of their own account besides the password: the phone the documents print."""

    class Meta:
        model = User
        formfield_callback = model_formfield
        fields = ["phone"]


# The letterhead's reference data, in the order it prints them (ГОСТ Р 7.0.97-2016).
REFERENCE_FIELDS = ["city", "address", "postal_code", "phone", "email", "website", "okpo", "ogrn", "inn", "kpp"]


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        formfield_callback = model_formfield
        fields = [
            "full_name",
            "short_name",
            "kind",
            "founder",
            *REFERENCE_FIELDS,
            "director_name",
            "director_position",
            "time_zone",
            "order_number_pattern",
            "letter_number_pattern",
        ]


class MunicipalityForm(forms.ModelForm):
    """The coordinator's municipality as its orders and letters print it: the education authority,
    its reference data and its head, who signs them."""

    class Meta:
        model = Municipality
        formfield_callback = model_formfield
        fields = [
            "authority",
            *REFERENCE_FIELDS,
            "head_name",
            "head_position",
            "order_number_pattern",
            "letter_number_pattern",
        ]
