import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.accessibility import SCHEMES, SIZES, Preferences
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
    formfield = field.formfield(**kwargs)
    mark_required_select(formfield)
    return formfield


def mark_required_select(formfield: forms.Field | None) -> None:
    """A required choice with a default has no empty option, and HTML allows ``required`` on a
    <select> only when its first option is empty, so Django leaves it out: the label's asterisk
    would then promise what the control does not say. aria-required tells it (WCAG 1.3.1, 4.1.2)."""
    if formfield is None or not formfield.required:
        return
    widget = formfield.widget
    if type(widget) is forms.Select and not widget.use_required_attribute(None):
        # use_required_attribute(None) asks whether the first choice is an empty one.
        widget.attrs.setdefault("aria-required", "true")


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


class AccessibilityForm(forms.Form):
    """The version for the visually impaired. The bar above the navbar sends one setting at a time
    (a button per choice), the settings page all of them: what is not sent stays as it was."""

    ON_OFF = [("1", _("Turned on")), ("0", _("Turned off"))]

    enabled = forms.TypedChoiceField(
        label=_("Version for the visually impaired"),
        choices=ON_OFF,
        coerce=lambda value: value == "1",
        required=False,
        widget=forms.RadioSelect,
    )
    size = forms.ChoiceField(
        label=_("Text size"), choices=list(SIZES.items()), required=False, widget=forms.RadioSelect
    )
    scheme = forms.ChoiceField(
        label=_("Colours"), choices=list(SCHEMES.items()), required=False, widget=forms.RadioSelect
    )
    images = forms.TypedChoiceField(
        label=_("Images"),
        choices=[("1", _("Show images")), ("0", _("Hide images"))],
        coerce=lambda value: value == "1",
        required=False,
        widget=forms.RadioSelect,
    )

    def preferences(self, current: Preferences) -> Preferences:
        """The current preferences with what was sent; choosing any setting turns the version on."""
        sent = {name: self.cleaned_data[name] for name in ("size", "scheme", "images") if name in self.data}
        enabled = self.cleaned_data["enabled"] if "enabled" in self.data else True
        return current.changed(enabled=enabled, **sent)
