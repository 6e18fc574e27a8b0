import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.collation import collated
from accounts.forms import DateField, model_formfield
from accounts.models import Role
from mentoring.academic_year import academic_year_choices
from mentoring.uploads import check_xlsx_archive, validate_document
from roadmap.models import Activity, Layout, Roadmap, Stage, Status
from roadmap.selectors import ROLE_CHOICES_MUNICIPALITY, ROLE_CHOICES_ORGANIZATION, people_of, registered_orders_of
from roadmap.services import Completion, citable_practices, event_choices

MAX_UPLOAD = 20 * 1024 * 1024


def year_choices(today: datetime.date) -> list[tuple[int, str]]:
    return academic_year_choices(today, back=3, ahead=2)


class PeriodMixin:
    """An organization's roadmap takes an academic year; a municipality's a period of dates."""

    def add_period_fields(self, *, municipal: bool, today: datetime.date, initial_year: int | None = None):
        if municipal:
            self.fields["starts_on"] = DateField(label=_("Period from"))
            self.fields["ends_on"] = DateField(label=_("Period to"))
        else:
            self.fields["academic_year"] = forms.TypedChoiceField(
                label=_("Academic year"), choices=year_choices(today), coerce=int, initial=initial_year
            )


class RoadmapCreateForm(PeriodMixin, forms.Form):
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=Roadmap.objects.none(),
        required=False,
        empty_label=_("No template: an empty roadmap"),
        help_text=_("Every year written in the template's terms moves to the chosen year."),
    )
    title = forms.CharField(
        label=_("Roadmap title"), max_length=1000, required=False, help_text=_("Empty: the template's title.")
    )
    layout = forms.ChoiceField(label=_("Table shape"), choices=Layout.choices, required=False)

    def __init__(self, *args, templates, municipal: bool, today: datetime.date, initial_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.fields["template"].label_from_instance = lambda template: template.template_name or template.title
        self.fields["layout"].initial = Layout.MUNICIPAL if municipal else Layout.SCHOOL
        self.fields["layout"].help_text = _("For an empty roadmap; a template brings its own.")
        self.add_period_fields(municipal=municipal, today=today, initial_year=initial_year)
        if municipal:
            self.fields["starts_on"].initial = datetime.date(today.year, 1, 1)
            self.fields["ends_on"].initial = datetime.date(today.year + 2, 12, 31)
        first = templates.first()
        if first is not None:
            self.fields["template"].initial = first.pk

    def clean(self):
        data = super().clean()
        if not data.get("template") and not data.get("title", "").strip():
            self.add_error("title", _("Give the roadmap a title, or choose a template."))
        return data


class RoadmapForm(PeriodMixin, forms.ModelForm):
    class Meta:
        model = Roadmap
        fields = ["heading", "title", "layout", "preamble", "approval_text", "approved_by"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "approval_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        roadmap = self.instance
        self.add_period_fields(municipal=roadmap.is_municipal, today=today, initial_year=roadmap.academic_year)
        if roadmap.is_municipal:
            self.fields["starts_on"].initial, self.fields["ends_on"].initial = roadmap.starts_on, roadmap.ends_on
        else:
            choices = dict(self.fields["academic_year"].choices)
            if roadmap.academic_year not in choices:
                self.fields["academic_year"].choices = [
                    (roadmap.academic_year, f"{roadmap.academic_year}/{roadmap.academic_year + 1}"),
                    *self.fields["academic_year"].choices,
                ]
        self.fields["approved_by"].queryset = registered_orders_of(roadmap)
        self.fields["approved_by"].help_text = _("A registered order of your register.")


class StageForm(forms.ModelForm):
    position = forms.IntegerField(label=_("Number"), min_value=1, required=False)

    class Meta:
        model = Stage
        fields = ["position", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class ActivityForm(forms.ModelForm):
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=Stage.objects.none(), empty_label=None)
    responsible_roles = forms.MultipleChoiceField(
        label=_("Responsible roles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    completes_on = forms.ChoiceField(label=_("Completes itself when"), required=False)

    class Meta:
        model = Activity
        formfield_callback = model_formfield
        fields = [
            "stage",
            "continues_previous",
            "title",
            "content",
            "term_text",
            "term_as_above",
            "responsible_text",
            "responsible_as_above",
            "responsible_users",
            "responsible_roles",
            "result",
            "completes_on",
            "practices",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "content": forms.Textarea(attrs={"rows": 4}),
            "responsible_users": forms.CheckboxSelectMultiple,
            "practices": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.fields["stage"].queryset = roadmap.stages.order_by("position", "pk")
        self.fields["stage"].label_from_instance = lambda stage: f"{stage.position}. {stage.title[:120]}"
        self.fields["responsible_users"].queryset = people_of(roadmap)
        self.fields["responsible_users"].label_from_instance = lambda user: user.get_full_name() or user.username
        roles = ROLE_CHOICES_MUNICIPALITY if roadmap.is_municipal else ROLE_CHOICES_ORGANIZATION
        self.fields["responsible_roles"].choices = [(role.value, role.label) for role in roles]
        self.fields["completes_on"].choices = event_choices(scope=roadmap.scope)
        self.fields["practices"].queryset = citable_practices(roadmap).order_by(collated("title").asc(), "pk")
        self.fields["practices"].label_from_instance = lambda practice: f"{practice.title} ({practice.organization})"
        self.fields["practices"].help_text = _("Practices of the municipal registry the activity cites.")
        self.fields["result"].widget = forms.Textarea(attrs={"rows": 2})
        if not roadmap.is_municipal:
            self.fields["result"].help_text = _("Printed in the municipal shape of the table.")

    def clean_responsible_roles(self):
        return [role for role in self.cleaned_data["responsible_roles"] if role in Role.values]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    completed_on = DateField(label=_("Done on"), required=False, help_text=_("Empty: today, when done."))
    evidence_order = forms.ModelChoiceField(
        label=_("Order from the register"), queryset=None, required=False, help_text=_("A registered order.")
    )
    evidence_file = forms.FileField(
        label=_("File"), required=False, validators=[validate_document], help_text=_("A scan, a protocol, a report.")
    )
    clear_file = forms.BooleanField(label=_("Remove the file"), required=False)
    evidence_note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, roadmap: Roadmap, target, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "status": target.status,
                "completed_on": target.completed_on,
                "evidence_order": target.evidence_order_id,
                "evidence_note": target.evidence_note,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["evidence_order"].queryset = registered_orders_of(roadmap)
        if isinstance(target, Activity) and target.is_recurring:
            self.fields["status"].choices = [
                (Status.PLANNED, Status.PLANNED.label),
                (Status.CANCELLED, Status.CANCELLED.label),
            ]
        if not target.evidence_file:
            del self.fields["clear_file"]

    def clean_completed_on(self):
        day = self.cleaned_data.get("completed_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return day

    def completion(self) -> Completion:
        data = self.cleaned_data
        return Completion(
            status=data["status"],
            completed_on=data["completed_on"],
            evidence_order=data["evidence_order"],
            evidence_file=data["evidence_file"],
            evidence_note=data["evidence_note"],
            clear_file=data.get("clear_file", False),
        )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class RemarkForm(forms.Form):
    text = forms.CharField(label=_("Remark"), widget=forms.Textarea(attrs={"rows": 3}))
    activity = forms.ModelChoiceField(
        label=_("About the activity"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("The whole roadmap"),
    )

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = roadmap.activities.order_by("stage__position", "position")
        self.fields["activity"].label_from_instance = lambda a: f"{a.number or '·'} {a.display_title[:90]}"


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}))


class SaveTemplateForm(forms.Form):
    template_name = forms.CharField(label=_("Template name"), max_length=300)


class ImportForm(PeriodMixin, forms.Form):
    file = forms.FileField(
        label=_("XLSX file"),
        help_text=_(
            "A table with the columns of a roadmap: «№, Этап, Мероприятие, Содержание деятельности, Сроки, "
            "Ответственные», or «№ п/п, Мероприятие, Сроки, Ответственный исполнитель, Результат»."
        ),
    )
    title = forms.CharField(
        label=_("Roadmap title"), max_length=1000, required=False, help_text=_("Empty: the title above the table.")
    )

    def __init__(self, *args, municipal: bool, today: datetime.date, initial_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_period_fields(municipal=municipal, today=today, initial_year=initial_year)
        if municipal:
            self.fields["starts_on"].initial = datetime.date(today.year, 1, 1)
            self.fields["ends_on"].initial = datetime.date(today.year + 2, 12, 31)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Choose an XLSX file."))
        # The reader unpacks the sheet as it reads it: measure what the file unpacks to first (a zip bomb).
        check_xlsx_archive(upload.read())
        upload.seek(0)
        return upload


class ImportConfirmForm(PeriodMixin, forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    title = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, municipal: bool, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_period_fields(municipal=municipal, today=today)
        for name in ("academic_year", "starts_on", "ends_on"):
            if name in self.fields:
                self.fields[name].widget = forms.HiddenInput()
