from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.ids import IdMultipleChoiceField
from accounts.models import Municipality, Organization, User


def model_formfield(field: models.Field, **kwargs) -> forms.Field:
    """The project's form field for a model field (every ModelForm's ``Meta.formfield_callback``):
    a link typed without a scheme (school.ru/case) is taken as https, and many-to-many choices are
    ids checked before any query (IdMultipleChoiceField)."""
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


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        formfield_callback = model_formfield
        fields = [
            "full_name",
            "short_name",
            "kind",
            "founder",
            # The letterhead's reference data, in the order it prints them (ГОСТ Р 7.0.97-2016).
            "city",
            "address",
            "postal_code",
            "phone",
            "email",
            "website",
            "okpo",
            "ogrn",
            "inn",
            "kpp",
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
            "city",
            "address",
            "postal_code",
            "phone",
            "email",
            "website",
            "okpo",
            "ogrn",
            "inn",
            "kpp",
            "head_name",
            "head_position",
            "order_number_pattern",
            "letter_number_pattern",
        ]
