from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import model_formfield
from mentoring.models import MentoringForm, Practice, RoleModel
from mentoring.practices.selectors import author_choices
from mentoring.uploads import validate_document

TEXT_AREAS = {"problem": 3, "aims": 3, "actions": 5, "results": 4, "materials": 2}


def role_model_label(role_model: RoleModel) -> str:
    return f"{role_model.form.name}: {role_model.name}"


class PracticeForm(forms.ModelForm):
    """The description of a practice, and one more file to attach to it."""

    new_file = forms.FileField(
        label=_("Attach a file"),
        required=False,
        validators=[validate_document],
        help_text=_("A program, a plan, a presentation: PDF, an image or an office document up to 20 MB."),
    )
    new_file_title = forms.CharField(
        label=_("File title"), max_length=300, required=False, help_text=_("Empty: the file's name.")
    )

    class Meta:
        model = Practice
        formfield_callback = model_formfield
        fields = ["title", "form", "role_model", "topics", "authors", *TEXT_AREAS]
        widgets = {
            "authors": forms.CheckboxSelectMultiple,
            **{name: forms.Textarea(attrs={"rows": rows}) for name, rows in TEXT_AREAS.items()},
        }

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["role_model"].queryset = RoleModel.objects.select_related("form").order_by(
            "form__position", "form__name", "name"
        )
        self.fields["role_model"].label_from_instance = role_model_label
        self.fields["authors"].queryset = author_choices(organization)
        self.fields["authors"].label_from_instance = lambda person: person.full_name
        self.fields["authors"].help_text = _(
            "Mentors of the registry. In public a name is shown only with the person's consent to distribution."
        )

    def clean(self):
        data = super().clean()
        form, role_model = data.get("form"), data.get("role_model")
        if form and role_model and role_model.form_id != form.pk:
            self.add_error("role_model", _("Choose a role model of the form «%(form)s».") % {"form": form.name})
        return data

    def description(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReturnForm(forms.Form):
    remarks = forms.CharField(
        label=_("Remarks"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What to correct: the organization sees them with the practice and keeps them in its history."),
    )
