"""Pages of the roadmaps: the list, a roadmap with its progress and deadlines, the timeline, editing,
templates, XLSX import and export, the order «о внедрении» with the roadmap as appendix, and the
municipal audit with its remarks."""

import datetime

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.ownership import owner_lookup
from accounts.permissions import Action
from mentoring.academic_year import academic_year_choices, academic_year_label, academic_year_of
from mentoring.uploads import DOCUMENT_TYPES, attachment
from reports.api import introduction_order_draft
from reports.models import OrderKind
from reports.responses import file_response
from roadmap import services
from roadmap.forms import (
    ActivityForm,
    CommentForm,
    ImportConfirmForm,
    ImportForm,
    RemarkForm,
    ReplyForm,
    RoadmapCreateForm,
    RoadmapForm,
    SaveTemplateForm,
    StageForm,
    StatusForm,
)
from roadmap.models import Activity, Roadmap
from roadmap.selectors import (
    SOON_DAYS,
    Progress,
    activities_commentable,
    activities_editable,
    activities_visible,
    activity_progress,
    audit_rows,
    deadlines_of,
    months_between,
    occurrences_editable,
    own_roadmaps,
    own_templates,
    remarks_answerable,
    remarks_audited,
    roadmap_remarks,
    roadmap_view,
    roadmaps_audited,
    roadmaps_editable,
    roadmaps_visible,
    stages_editable,
    templates_for,
    timeline_rows,
)
from roadmap.table import order_appendix
from roadmap.terms import parse_term
from roadmap.xlsx import ParsedTable, TableError, read_roadmap_xlsx, roadmap_xlsx

IMPORT_SALT = "roadmap.import"
IMPORT_MAX_AGE = 60 * 60


def owner_kwargs(tenant) -> dict:
    return owner_lookup(tenant.owner)


def period_kwargs(data: dict) -> dict:
    return {name: data.get(name) for name in ("academic_year", "starts_on", "ends_on") if name in data}


class TodayMixin:
    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()


class RoadmapListView(TodayMixin, TenantPermissionMixin, TemplateView):
    permission_action = Action.ROADMAP_VIEW
    template_name = "roadmap/roadmap_list.html"

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        # The coordinator's list is the municipal roadmaps; the organizations' ones are on the audit page.
        visible = own_roadmaps(tenant) if tenant.is_municipal else roadmaps_visible(tenant)
        visible = visible.prefetch_related("activities__occurrences").order_by("-starts_on", "title")
        own, other = [], []
        for roadmap in visible:
            roadmap.progress = roadmap_progress(roadmap, self.today)
            is_own = roadmap.municipality_id if tenant.is_municipal else roadmap.organization_id
            (own if is_own else other).append(roadmap)
        return super().get_context_data(
            own=own,
            other=other,
            can_change=tenant.can(Action.ROADMAP_CHANGE),
            can_audit=tenant.can(Action.ROADMAP_AUDIT),
            **kwargs,
        )


def roadmap_progress(roadmap: Roadmap, today: datetime.date) -> Progress:
    total = Progress()
    for activity in roadmap.activities.all():
        total.add(activity_progress(activity, today))
    return total


class RoadmapCreateView(TodayMixin, TenantPermissionMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/roadmap_create.html"
    form_class = RoadmapCreateForm

    def get_form_kwargs(self):
        tenant = self.request.tenant
        return {
            **super().get_form_kwargs(),
            "templates": templates_for(tenant),
            "municipal": tenant.is_municipal,
            "today": self.today,
            "initial_year": academic_year_of(self.today),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        kwargs = {"by": self.request.user, **owner_kwargs(self.request.tenant), **period_kwargs(data)}
        if data["template"]:
            roadmap = call_service(
                form, services.roadmap_from_template, template=data["template"], title=data["title"], **kwargs
            )
        else:
            roadmap = call_service(form, services.roadmap_create, title=data["title"], layout=data["layout"], **kwargs)
        if roadmap is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The roadmap is created."))
        return redirect("roadmap_detail", pk=roadmap.pk)


class RoadmapObjectMixin(TodayMixin):
    """A roadmap the current context may see; ``can_change`` when it is its own."""

    def get_queryset(self):
        return roadmaps_visible(self.request.tenant)

    @cached_property
    def can_change(self) -> bool:
        return roadmaps_editable(self.request.tenant).filter(pk=self.object.pk).exists()

    @cached_property
    def can_audit(self) -> bool:
        return roadmaps_audited(self.request.tenant).filter(pk=self.object.pk).exists()


class RoadmapDetailView(RoadmapObjectMixin, TenantPermissionMixin, DetailView):
    permission_action = Action.ROADMAP_VIEW
    template_name = "roadmap/roadmap_detail.html"
    context_object_name = "roadmap"

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        roadmap = self.object
        mine = self.request.GET.get("mine") == "1"
        view = roadmap_view(roadmap, self.today, tenant=tenant, user=self.request.user, mine=mine)
        remarks = roadmap_remarks(roadmap) if roadmap.organization_id else []
        answerable = self.can_change or self.can_audit
        kind_names = dict(OrderKind.objects.values_list("code", "name"))
        events = {
            activity.completes_on: services.event_label(activity.completes_on, kind_names)
            for stage in view.stages
            for activity in stage.activities
            if activity.completes_on
        }
        return super().get_context_data(
            view=view,
            mine=mine,
            soon_days=SOON_DAYS,
            today=self.today,
            can_change=self.can_change,
            can_audit=self.can_audit,
            can_comment=activities_commentable(tenant).filter(roadmap=roadmap).exists(),
            can_draft_order=self.can_change and tenant.can(Action.ORDER_DRAFT),
            read_only=not self.can_change,
            remarks=remarks,
            open_remarks=sum(1 for remark in remarks if not remark.resolved_at),
            remark_form=RemarkForm(roadmap=roadmap) if self.can_audit else None,
            reply_form=ReplyForm() if answerable else None,
            events=events,
            **kwargs,
        )


class RoadmapTimelineView(RoadmapObjectMixin, TenantPermissionMixin, DetailView):
    permission_action = Action.ROADMAP_VIEW
    template_name = "roadmap/roadmap_timeline.html"
    context_object_name = "roadmap"
    # A longer period is shown a year at a time.
    MAX_MONTHS = 13

    def get_context_data(self, **kwargs):
        roadmap = self.object
        months = months_between(roadmap.starts_on, roadmap.ends_on)
        years = sorted({month.year for month in months})
        year = None
        if len(months) > self.MAX_MONTHS:
            requested = self.request.GET.get("year", "")
            default = self.today.year if self.today.year in years else years[0]
            year = int(requested) if requested.isdigit() and int(requested) in years else default
            months = [month for month in months if month.year == year]
        mine = self.request.GET.get("mine") == "1"
        view = roadmap_view(roadmap, self.today, tenant=self.request.tenant, user=self.request.user, mine=mine)
        return super().get_context_data(
            view=view,
            months=months,
            rows=timeline_rows(view, months, self.today),
            years=years if year else [],
            year=year,
            mine=mine,
            today=self.today,
            **kwargs,
        )


class RoadmapExportView(RoadmapObjectMixin, TenantPermissionMixin, DetailView):
    permission_action = Action.ROADMAP_VIEW

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return file_response(roadmap_xlsx(self.object))


class EditableRoadmapMixin(TodayMixin):
    def get_queryset(self):
        return roadmaps_editable(self.request.tenant)

    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        self.roadmap = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(roadmap=self.roadmap, **kwargs)

    def back(self):
        return redirect("roadmap_detail", pk=self.roadmap.pk)


class RoadmapUpdateView(TenantPermissionMixin, EditableRoadmapMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/roadmap_form.html"
    form_class = RoadmapForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.roadmap, "today": self.today}

    def form_valid(self, form):
        data = form.cleaned_data
        fields = {name: data[name] for name in RoadmapForm.Meta.fields}
        done = call_service(
            form,
            services.roadmap_update,
            roadmap=Roadmap.objects.get(pk=self.roadmap.pk),
            by=self.request.user,
            **fields,
            **period_kwargs(data),
        )
        if done is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return self.back()


class RoadmapDeleteView(TenantPermissionMixin, EditableRoadmapMixin, TemplateView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/roadmap_delete.html"

    def post(self, request, *args, **kwargs):
        services.roadmap_delete(roadmap=self.roadmap, by=request.user)
        messages.success(request, _("The roadmap is deleted."))
        return redirect("roadmap_list")


class RoadmapSaveTemplateView(TenantPermissionMixin, EditableRoadmapMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/roadmap_save_template.html"
    form_class = SaveTemplateForm

    def get_initial(self):
        return {"template_name": self.roadmap.title[:300]}

    def form_valid(self, form):
        template = call_service(
            form,
            services.roadmap_save_as_template,
            roadmap=self.roadmap,
            by=self.request.user,
            name=form.cleaned_data["template_name"],
        )
        if template is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The template «%(name)s» is saved.") % {"name": template.template_name})
        return redirect("roadmap_template_list")


class RoadmapOrderDraftView(TenantPermissionMixin, EditableRoadmapMixin, View):
    """A draft of the order approving the roadmap, carried as its appendix: the school's «О внедрении…», the
    municipality's «О реализации целевой модели наставничества…»."""

    permission_action = Action.ROADMAP_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        tenant = request.tenant
        if not tenant.can(Action.ORDER_DRAFT):
            raise PermissionDenied
        roadmap = self.roadmap
        appendix = order_appendix(roadmap)
        try:
            order = introduction_order_draft(
                by=request.user,
                appendix_columns=appendix["columns"],
                appendix_rows=appendix["rows"],
                appendix_layout=appendix,
                organization=roadmap.organization,
                municipality=roadmap.municipality,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.back()
        messages.success(request, _("The draft of the order with the roadmap as its appendix is made."))
        try:
            return redirect(reverse("order_update", kwargs={"pk": order.pk}))
        except NoReverseMatch:
            return self.back()


# Stages


class StageCreateView(TenantPermissionMixin, EditableRoadmapMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/stage_form.html"
    form_class = StageForm

    def form_valid(self, form):
        stage = call_service(
            form,
            services.stage_create,
            roadmap=self.roadmap,
            by=self.request.user,
            title=form.cleaned_data["title"],
            position=form.cleaned_data["position"],
        )
        if stage is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The stage is added."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": self.roadmap.pk}) + f"#stage-{stage.pk}")


class StageObjectMixin(TodayMixin):
    def dispatch(self, request, *args, **kwargs):
        self.stage = get_object_or_404(stages_editable(request.tenant), pk=kwargs["pk"])
        self.roadmap = self.stage.roadmap
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(roadmap=self.roadmap, stage=self.stage, **kwargs)


class StageUpdateView(TenantPermissionMixin, StageObjectMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/stage_form.html"
    form_class = StageForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.stage}

    def form_valid(self, form):
        done = call_service(
            form,
            services.stage_update,
            stage=self.stage,
            by=self.request.user,
            title=form.cleaned_data["title"],
            position=form.cleaned_data["position"],
        )
        if done is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The changes are saved."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": self.roadmap.pk}) + f"#stage-{self.stage.pk}")


class StageDeleteView(TenantPermissionMixin, StageObjectMixin, TemplateView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/stage_delete.html"

    def post(self, request, *args, **kwargs):
        services.stage_delete(stage=self.stage, by=request.user)
        messages.success(request, _("The stage is deleted."))
        return redirect("roadmap_detail", pk=self.roadmap.pk)


# Activities


class ActivityFormMixin:
    template_name = "roadmap/activity_form.html"
    form_class = ActivityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "roadmap": self.roadmap}

    def fields_of(self, form) -> dict:
        data = dict(form.cleaned_data)
        data.pop("stage")
        data.pop("responsible_users")
        data.pop("practices")
        return data

    def saved(self, activity):
        messages.success(self.request, _("The activity is saved."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": self.roadmap.pk}) + f"#activity-{activity.pk}")


class ActivityCreateView(TenantPermissionMixin, StageObjectMixin, ActivityFormMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE

    def get_initial(self):
        return {"stage": self.stage.pk}

    def form_valid(self, form):
        activity = call_service(
            form,
            services.activity_create,
            stage=form.cleaned_data["stage"],
            by=self.request.user,
            responsible_users=form.cleaned_data["responsible_users"],
            practices=form.cleaned_data["practices"],
            **self.fields_of(form),
        )
        if activity is None:
            return self.form_invalid(form)
        return self.saved(activity)


class ActivityObjectMixin(TodayMixin):
    def activities(self):
        return activities_editable(self.request.tenant)

    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        self.activity = self.lookup(kwargs["pk"])
        self.roadmap = self.activity.roadmap
        return super().dispatch(request, *args, **kwargs)

    def lookup(self, pk) -> Activity:
        return get_object_or_404(self.activities(), pk=pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(roadmap=self.roadmap, activity=self.activity, **kwargs)

    def back(self):
        return redirect(reverse("roadmap_detail", kwargs={"pk": self.roadmap.pk}) + f"#activity-{self.activity.pk}")


class ActivityUpdateView(TenantPermissionMixin, ActivityObjectMixin, ActivityFormMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.activity}

    def form_valid(self, form):
        activity = call_service(
            form,
            services.activity_update,
            activity=Activity.objects.get(pk=self.activity.pk),
            by=self.request.user,
            stage=form.cleaned_data["stage"],
            responsible_users=form.cleaned_data["responsible_users"],
            practices=form.cleaned_data["practices"],
            **self.fields_of(form),
        )
        if activity is None:
            return self.form_invalid(form)
        return self.saved(activity)


class ActivityDeleteView(TenantPermissionMixin, ActivityObjectMixin, TemplateView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/activity_delete.html"

    def post(self, request, *args, **kwargs):
        services.activity_delete(activity=self.activity, by=request.user)
        messages.success(request, _("The activity is deleted."))
        return redirect("roadmap_detail", pk=self.roadmap.pk)


class ActivityMoveView(TenantPermissionMixin, ActivityObjectMixin, View):
    permission_action = Action.ROADMAP_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction")
        if direction in ("up", "down"):
            services.activity_move(activity=self.activity, by=request.user, up=direction == "up")
        return self.back()


class ActivityDetailView(TenantPermissionMixin, ActivityObjectMixin, TemplateView):
    permission_action = Action.ROADMAP_VIEW
    template_name = "roadmap/activity_detail.html"

    def activities(self):
        return activities_visible(self.request.tenant).prefetch_related("responsible_users", "practices")

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        activity = self.activity
        occurrences = list(activity.occurrences.select_related("evidence_order"))
        for occurrence in occurrences:
            occurrence.overdue = occurrence.is_overdue_on(self.today)
        return super().get_context_data(
            today=self.today,
            occurrences=occurrences,
            overdue=activity.is_overdue_on(self.today),
            deadlines=deadlines_of(activity, self.today),
            comments=activity.comments.select_related("author"),
            remarks=activity.remarks.select_related("author") if activity.roadmap.organization_id else [],
            comment_form=CommentForm(),
            can_change=activities_editable(tenant).filter(pk=activity.pk).exists(),
            can_comment=activities_commentable(tenant).filter(pk=activity.pk).exists(),
            event=services.event_label(activity.completes_on) if activity.completes_on else "",
            **kwargs,
        )


class ActivityStatusView(TenantPermissionMixin, ActivityObjectMixin, FormView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/status_form.html"
    form_class = StatusForm

    @property
    def target(self):
        return self.activity

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "roadmap": self.roadmap, "target": self.target}
        status = self.request.GET.get("status")
        if self.request.method == "GET" and status:
            kwargs["initial"] = {**StatusForm(roadmap=self.roadmap, target=self.target).initial, "status": status}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(target=self.target, occurrence=None, **kwargs)

    def form_valid(self, form):
        done = call_service(form, services.set_status, target=self.target, completion=form.completion())
        if done is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The status is saved."))
        return self.back()


class OccurrenceStatusView(ActivityStatusView):
    def lookup(self, pk) -> Activity:
        self.occurrence = get_object_or_404(occurrences_editable(self.request.tenant), pk=pk)
        return self.occurrence.activity

    @property
    def target(self):
        return self.occurrence

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["occurrence"] = self.occurrence
        return context


class ActivityCommentView(TenantPermissionMixin, ActivityObjectMixin, View):
    permission_action = Action.ROADMAP_VIEW
    http_method_names = ["post"]

    def activities(self):
        return activities_commentable(self.request.tenant)

    def post(self, request, *args, **kwargs):
        form = CommentForm(request.POST)
        if form.is_valid():
            services.comment_add(activity=self.activity, by=request.user, text=form.cleaned_data["text"])
            messages.success(request, _("The comment is added."))
        else:
            messages.error(request, _("Write the comment."))
        return redirect("activity_detail", pk=self.activity.pk)


class ActivityEvidenceView(TenantPermissionMixin, ActivityObjectMixin, View):
    """The uploaded file of the activity's completion (or of one of its occurrences)."""

    permission_action = Action.ROADMAP_VIEW

    def activities(self):
        return activities_visible(self.request.tenant)

    def get(self, request, *args, **kwargs):
        target = self.activity
        occurrence = request.GET.get("occurrence", "")
        number = str(target.pk)
        if occurrence:
            if not occurrence.isdigit():
                raise Http404
            target = get_object_or_404(self.activity.occurrences, pk=int(occurrence))
            number = f"{number}-{target.pk}"
        if not target.evidence_file:
            raise Http404
        return attachment(target.evidence_file, DOCUMENT_TYPES, name=_("Activity file %(number)s") % {"number": number})


# Templates


class TemplateListView(TenantPermissionMixin, TemplateView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/template_list.html"

    def get_context_data(self, **kwargs):
        templates = templates_for(self.request.tenant).prefetch_related("stages")
        return super().get_context_data(templates=templates, **kwargs)


class TemplateDeleteView(TenantPermissionMixin, TemplateView):
    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/template_delete.html"

    @cached_property
    def template(self) -> Roadmap:
        return get_object_or_404(own_templates(self.request.tenant), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(template=self.template, **kwargs)

    def post(self, request, *args, **kwargs):
        self.template.delete()
        messages.success(request, _("The template is deleted."))
        return redirect("roadmap_template_list")


# Import


class RoadmapImportView(TodayMixin, TenantPermissionMixin, TemplateView):
    """Upload → a preview of what was read (with the terms understood) → confirm."""

    permission_action = Action.ROADMAP_CHANGE
    template_name = "roadmap/roadmap_import.html"

    def form(self, data=None, files=None) -> ImportForm:
        return ImportForm(
            data,
            files,
            municipal=self.request.tenant.is_municipal,
            today=self.today,
            initial_year=academic_year_of(self.today),
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self.confirm(request)
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        scope = Roadmap.Scope.MUNICIPALITY if request.tenant.is_municipal else Roadmap.Scope.ORGANIZATION
        try:
            parsed = read_roadmap_xlsx(form.cleaned_data["file"].read(), scope=scope)
        except TableError as error:
            form.add_error("file", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        if not parsed.stages:
            form.add_error("file", _("The table has no rows of a roadmap."))
            return self.render_to_response(self.get_context_data(form=form))
        title = form.cleaned_data["title"].strip() or parsed.title
        period = period_kwargs(form.cleaned_data)
        starts_on, ends_on = self.period(period)
        preview = []
        for stage_number, stage in enumerate(parsed.stages, start=1):
            rows, counter = [], 0
            for activity in stage.activities:
                term = parse_term(activity.term_text, starts_on, ends_on) if activity.term_text else None
                windows = term.windows(starts_on, ends_on) if term else []
                counter += 0 if activity.continues_previous else 1
                number = "" if activity.continues_previous else f"{stage_number}.{counter}"
                rows.append((activity, term, windows, number))
            preview.append((stage, rows))
        confirm = ImportConfirmForm(
            initial={
                "payload": signing.dumps(parsed.to_dict(), salt=IMPORT_SALT, compress=True),
                "title": title,
                **{name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in period.items()},
            },
            municipal=request.tenant.is_municipal,
            today=self.today,
        )
        not_understood = sum(
            1 for _stage, rows in preview for activity, term, _w, _n in rows if activity.term_text and not term
        )
        return self.render_to_response(
            self.get_context_data(
                parsed=parsed,
                preview=preview,
                title=title,
                confirm_form=confirm,
                not_understood=not_understood,
                period_label=academic_year_label(period["academic_year"])
                if "academic_year" in period
                else f"{starts_on:%d.%m.%Y} – {ends_on:%d.%m.%Y}",
            )
        )

    @staticmethod
    def period(period: dict) -> tuple[datetime.date, datetime.date]:
        if period.get("academic_year"):
            return services.organization_period(period["academic_year"])
        return period["starts_on"], period["ends_on"]

    def confirm(self, request):
        form = ImportConfirmForm(request.POST, municipal=request.tenant.is_municipal, today=self.today)
        if not form.is_valid():
            messages.error(request, _("The import has expired; upload the file again."))
            return redirect("roadmap_import")
        try:
            parsed = ParsedTable.from_dict(
                signing.loads(form.cleaned_data["payload"], salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
            )
        except (signing.BadSignature, KeyError, TypeError):
            messages.error(request, _("The import has expired; upload the file again."))
            return redirect("roadmap_import")
        kwargs = {"by": request.user, **owner_kwargs(request.tenant), **period_kwargs(form.cleaned_data)}
        try:
            roadmap = services.roadmap_import(
                layout=parsed.layout,
                stages=parsed.stages,
                title=form.cleaned_data["title"] or parsed.title or _("Roadmap"),
                heading=parsed.heading,
                preamble=parsed.preamble,
                approval_text=parsed.approval_text,
                columns=parsed.columns,
                **kwargs,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("roadmap_import")
        messages.success(request, _("The roadmap is imported."))
        return redirect("roadmap_detail", pk=roadmap.pk)


# The municipal audit


class AuditView(TodayMixin, TenantPermissionMixin, TemplateView):
    permission_action = Action.ROADMAP_AUDIT
    template_name = "roadmap/audit.html"

    def get_context_data(self, **kwargs):
        choices = academic_year_choices(self.today, back=3, ahead=1)
        requested = self.request.GET.get("year", "")
        year = (
            int(requested) if requested in {str(value) for value, _label in choices} else academic_year_of(self.today)
        )
        rows = audit_rows(self.request.tenant, year, self.today)
        return super().get_context_data(
            rows=rows,
            year=year,
            year_label=academic_year_label(year),
            year_choices=choices,
            with_roadmap=sum(1 for row in rows if row.roadmap),
            municipal=own_roadmaps(self.request.tenant).order_by("-starts_on"),
            **kwargs,
        )


class RemarkCreateView(TenantPermissionMixin, View):
    permission_action = Action.ROADMAP_AUDIT
    http_method_names = ["post"]

    def post(self, request, pk):
        roadmap = get_object_or_404(roadmaps_audited(request.tenant), pk=pk)
        form = RemarkForm(request.POST, roadmap=roadmap)
        if form.is_valid():
            services.remark_create(
                roadmap=roadmap, by=request.user, text=form.cleaned_data["text"], activity=form.cleaned_data["activity"]
            )
            messages.success(request, _("The remark is sent to the organization."))
        else:
            messages.error(request, _("Write the remark."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": roadmap.pk}) + "#remarks")


class RemarkReplyView(TenantPermissionMixin, View):
    permission_action = Action.ROADMAP_CHANGE
    http_method_names = ["post"]

    def post(self, request, pk):
        remark = get_object_or_404(remarks_answerable(request.tenant), pk=pk)
        form = ReplyForm(request.POST)
        if form.is_valid():
            services.remark_reply(
                remark=remark, by=request.user, role=request.tenant.role.value, text=form.cleaned_data["text"]
            )
            messages.success(request, _("The answer is sent."))
        else:
            messages.error(request, _("Write the answer."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": remark.roadmap_id}) + f"#remark-{remark.pk}")


class RemarkResolveView(TenantPermissionMixin, View):
    permission_action = Action.ROADMAP_AUDIT
    http_method_names = ["post"]

    def post(self, request, pk):
        remark = get_object_or_404(remarks_audited(request.tenant), pk=pk)
        resolved = request.POST.get("resolved", "1") == "1"
        services.remark_resolve(remark=remark, by=request.user, resolved=resolved)
        messages.success(request, _("The remark is closed.") if resolved else _("The remark is open again."))
        return redirect(reverse("roadmap_detail", kwargs={"pk": remark.roadmap_id}) + f"#remark-{remark.pk}")
