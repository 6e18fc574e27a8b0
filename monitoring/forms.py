from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import DateField
from mentoring.academic_year import academic_year_choices, academic_year_of
from mentoring.models import Program
from monitoring.models import SCALE_MAX, SCALE_MIN, Campaign, Question, Questionnaire
from monitoring.selectors import PROGRAM_TARGETS, TARGET_LABELS, Target


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "description", "audience", "purpose", "formula"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    options_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For single and multiple choice: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["text", "kind", "required", "options_text", "stage", "expected_text", "matching"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["options_text"].initial = "\n".join(self.instance.options or [])

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "options_text"}
        data["options"] = self.cleaned_data["options_text"].splitlines()
        return data


def campaign_form_class(tenant):
    """The campaign form for the tenant's organization: its questionnaires, programs, campaigns."""
    from monitoring.selectors import campaigns_of, questionnaires_visible

    organization = tenant.organization
    today = timezone.localdate()

    class CampaignForm(forms.Form):
        questionnaire = forms.ModelChoiceField(
            label=_("Questionnaire"), queryset=questionnaires_visible(tenant).order_by("organization", "title")
        )
        title = forms.CharField(label=_("Title"), max_length=300)
        target = forms.ChoiceField(label=_("Whom to ask"), choices=[(t.value, TARGET_LABELS[t]) for t in Target])
        program = forms.ModelChoiceField(
            label=_("Program"),
            required=False,
            queryset=Program.objects.filter(organization=organization).select_related("form"),
            help_text=_("Needed for the program's people and for preferences."),
        )
        class_name = forms.CharField(label=_("Class"), max_length=30, required=False, help_text=_("For example 7Б."))
        academic_year = forms.TypedChoiceField(
            label=_("Academic year"), coerce=int, choices=academic_year_choices(today), initial=academic_year_of(today)
        )
        stage = forms.ChoiceField(label=_("Stage"), choices=Campaign.Stage.choices, initial=Campaign.Stage.SINGLE)
        baseline = forms.ModelChoiceField(
            label=_("Campaign at the start"),
            required=False,
            queryset=campaigns_of(tenant).filter(stage=Campaign.Stage.START),
            help_text=_("For a campaign at the end: its expectations are compared with the answers."),
        )
        opens_on = DateField(label=_("From"), initial=today)
        closes_on = DateField(label=_("Links valid until"))

        def clean(self):
            cleaned = super().clean()
            target = cleaned.get("target")
            if target in PROGRAM_TARGETS and not cleaned.get("program"):
                self.add_error("program", _("Choose the program whose people are asked."))
            if target == Target.CLASS and not cleaned.get("class_name", "").strip():
                self.add_error("class_name", _("Write the class, e.g. 7Б."))
            return cleaned

    return CampaignForm


class ToldWhyInvalid:
    """Django marks the inputs of a field with errors aria-invalid; each is also tied to the field's
    message (``<id>_error``, monitoring/answer.html), so a screen reader says why on every option."""

    def get_context(self, name, value, attrs):
        if attrs and attrs.get("aria-invalid") == "true" and attrs.get("id"):
            attrs = {**attrs, "aria-describedby": f"{attrs['id']}_error"}
        return super().get_context(name, value, attrs)


class AnswerRadioSelect(ToldWhyInvalid, forms.RadioSelect):
    pass


class AnswerCheckboxes(ToldWhyInvalid, forms.CheckboxSelectMultiple):
    pass


class ScaleWidget(forms.RadioSelect):
    """The 1–10 scale as a row of buttons, its ends explained under it (tied to the group), and the
    group and its buttons marked invalid when the question came back with an error."""

    template_name = "monitoring/widgets/scale.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Django puts aria-invalid into the attributes of a field with errors; a template cannot
        # read a hyphenated key.
        context["widget"]["invalid"] = (attrs or {}).get("aria-invalid") == "true"
        context["widget"]["low"], context["widget"]["high"] = SCALE_MIN, SCALE_MAX
        return context


def answer_form(questions: list[Question], *, stage: str, candidates: list, data=None) -> forms.Form:
    """The public form of a questionnaire: one field ``q<id>`` per question. Only these fields are
    read, so a forged or foreign question id in the POST is ignored."""
    form = forms.Form(data=data)
    scores = [(str(score), str(score)) for score in range(SCALE_MIN, SCALE_MAX + 1)]
    people = [(str(person.pk), f"{person.last_name} {person.first_name}") for person in candidates]
    for question in questions:
        common = {"label": question.text_at(stage), "required": question.required}
        kind = question.kind
        if kind == Question.Kind.SCALE:
            field = forms.TypedChoiceField(choices=scores, coerce=int, widget=ScaleWidget, **common)
        elif kind == Question.Kind.YES_NO:
            field = forms.TypedChoiceField(
                choices=[("1", _("Yes")), ("0", _("No"))], coerce=int, widget=AnswerRadioSelect, **common
            )
        elif kind == Question.Kind.SINGLE:
            field = forms.ChoiceField(
                choices=[(option, option) for option in question.options], widget=AnswerRadioSelect, **common
            )
        elif kind == Question.Kind.MULTIPLE:
            field = forms.MultipleChoiceField(
                choices=[(option, option) for option in question.options],
                widget=AnswerCheckboxes,
                **common,
            )
        elif kind == Question.Kind.PEOPLE:
            field = forms.TypedMultipleChoiceField(choices=people, coerce=int, widget=AnswerCheckboxes, **common)
        else:
            # Its question is its own <label> (monitoring/answer.html).
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
        field.error_messages["required"] = _("Please answer this question.")
        form.fields[f"q{question.pk}"] = field
    return form


def cleaned_answers(form: forms.Form) -> dict[int, object]:
    return {int(name[1:]): value for name, value in form.cleaned_data.items()}
