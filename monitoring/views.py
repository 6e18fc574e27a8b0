"""Pages of questionnaires (the builder), campaigns with personal links and their results, and the
public answering page of a personal link."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from monitoring import services
from monitoring.charts import bar_chart, column_chart
from monitoring.exporters import CampaignAnswersExporter, LinkSheetExporter
from monitoring.forms import QuestionForm, QuestionnaireForm, answer_form, campaign_form_class, cleaned_answers
from monitoring.models import Campaign, Question
from monitoring.selectors import (
    campaign_results,
    campaigns_of,
    invitations_of,
    preference_candidates,
    questionnaire_list,
    questionnaires_visible,
    recipients,
    with_progress,
)
from reports.responses import file_response


def errors_to_form(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def refuse(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# Questionnaires ------------------------------------------------------------------------------


class QuestionnaireListView(TenantPermissionMixin, ListView):
    permission_action = Action.QUESTIONNAIRE_VIEW
    template_name = "monitoring/questionnaire_list.html"
    context_object_name = "questionnaires"

    def get_queryset(self):
        return questionnaire_list(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.request.tenant.can(Action.QUESTIONNAIRE_CHANGE), **kwargs)


class QuestionnaireMixin(TenantPermissionMixin):
    @cached_property
    def questionnaire(self):
        return get_object_or_404(questionnaires_visible(self.request.tenant), pk=self.kwargs["pk"])

    def own_questionnaire(self):
        questionnaire = self.questionnaire
        if questionnaire.is_shipped:
            raise Http404
        return questionnaire

    def detail_url(self):
        return reverse("questionnaire_detail", kwargs={"pk": self.questionnaire.pk})


class QuestionnaireDetailView(QuestionnaireMixin, TemplateView):
    permission_action = Action.QUESTIONNAIRE_VIEW
    template_name = "monitoring/questionnaire_detail.html"

    def get_context_data(self, **kwargs):
        questionnaire = self.questionnaire
        return super().get_context_data(
            questionnaire=questionnaire,
            questions=list(questionnaire.questions.all()),
            can_change=self.request.tenant.can(Action.QUESTIONNAIRE_CHANGE),
            campaigns_count=questionnaire.campaigns.filter(organization=self.request.tenant.organization).count(),
            **kwargs,
        )


class QuestionnaireCreateView(TenantPermissionMixin, FormView):
    permission_action = Action.QUESTIONNAIRE_CHANGE
    template_name = "monitoring/form.html"
    form_class = QuestionnaireForm

    def form_valid(self, form):
        tenant = self.request.tenant
        try:
            questionnaire = services.questionnaire_save(
                organization=tenant.organization, data=form.cleaned_data, by=self.request.user
            )
        except ValidationError as error:
            errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The questionnaire is created; add its questions."))
        return redirect("questionnaire_detail", pk=questionnaire.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New questionnaire"), cancel_url=reverse("questionnaire_list"), **kwargs
        )


class QuestionnaireUpdateView(QuestionnaireMixin, FormView):
    permission_action = Action.QUESTIONNAIRE_CHANGE
    template_name = "monitoring/form.html"
    form_class = QuestionnaireForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.own_questionnaire()}

    def form_valid(self, form):
        try:
            services.questionnaire_save(
                organization=self.request.tenant.organization,
                questionnaire=self.questionnaire,
                data=form.cleaned_data,
                by=self.request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The questionnaire is saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Edit the questionnaire"), questionnaire=self.questionnaire, cancel_url=self.detail_url(), **kwargs
        )


class QuestionnaireCopyView(QuestionnaireMixin, View):
    permission_action = Action.QUESTIONNAIRE_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        copy = services.questionnaire_copy(
            questionnaire=self.questionnaire, organization=request.tenant.organization, by=request.user
        )
        messages.success(request, _("The copy is made: edit it as your organization needs."))
        return redirect("questionnaire_detail", pk=copy.pk)


class QuestionnaireDeleteView(QuestionnaireMixin, View):
    permission_action = Action.QUESTIONNAIRE_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.questionnaire_delete(
                questionnaire=self.own_questionnaire(), organization=request.tenant.organization, by=request.user
            )
        except ValidationError as error:
            refuse(request, error)
            return redirect(self.detail_url())
        messages.success(request, _("The questionnaire is deleted."))
        return redirect("questionnaire_list")


class QuestionFormView(QuestionnaireMixin, FormView):
    """Adds a question to the organization's questionnaire (``pk``), or edits one (``question``)."""

    permission_action = Action.QUESTIONNAIRE_CHANGE
    template_name = "monitoring/form.html"
    form_class = QuestionForm

    @cached_property
    def question(self) -> Question | None:
        if "question" not in self.kwargs:
            return None
        return get_object_or_404(self.own_questionnaire().questions, pk=self.kwargs["question"])

    def get_form_kwargs(self):
        self.own_questionnaire()
        return {**super().get_form_kwargs(), "instance": self.question or Question(questionnaire=self.questionnaire)}

    def form_valid(self, form):
        try:
            services.question_save(
                questionnaire=self.questionnaire,
                organization=self.request.tenant.organization,
                question=self.question,
                data=form.service_data(),
                by=self.request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "options" in error.error_dict:
                error = ValidationError({"options_text": error.error_dict.pop("options"), **error.error_dict})
            errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The question is saved."))
        return redirect(self.detail_url())

    def get_context_data(self, **kwargs):
        title = _("Edit the question") if self.question else _("New question")
        return super().get_context_data(
            title=title, questionnaire=self.questionnaire, cancel_url=self.detail_url(), **kwargs
        )


class QuestionActionView(QuestionnaireMixin, View):
    permission_action = Action.QUESTIONNAIRE_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        question = get_object_or_404(self.own_questionnaire().questions, pk=self.kwargs["question"])
        organization, user = request.tenant.organization, request.user
        try:
            if self.kwargs["action"] == "delete":
                services.question_delete(question=question, organization=organization, by=user)
                messages.success(request, _("The question is deleted."))
            else:
                up = self.kwargs["action"] == "up"
                services.question_move(question=question, organization=organization, up=up, by=user)
        except ValidationError as error:
            refuse(request, error)
        return redirect(self.detail_url())


# Campaigns -----------------------------------------------------------------------------------


class CampaignListView(TenantPermissionMixin, ListView):
    permission_action = Action.CAMPAIGN_VIEW
    template_name = "monitoring/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 50

    def get_queryset(self):
        return with_progress(campaigns_of(self.request.tenant)).order_by("-opens_on", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=self.request.tenant.can(Action.CAMPAIGN_CHANGE), today=timezone.localdate(), **kwargs
        )


class CampaignCreateView(TenantPermissionMixin, FormView):
    permission_action = Action.CAMPAIGN_CHANGE
    template_name = "monitoring/form.html"

    def get_form_class(self):
        return campaign_form_class(self.request.tenant)

    def get_initial(self):
        questionnaire = self.request.GET.get("questionnaire")
        return {"questionnaire": questionnaire} if questionnaire and questionnaire.isdigit() else {}

    def form_valid(self, form):
        data, tenant = form.cleaned_data, self.request.tenant
        people = recipients(
            tenant.organization,
            data["target"],
            program=data["program"],
            class_name=data["class_name"],
            academic_year=data["academic_year"],
        )
        try:
            campaign = services.campaign_create(
                organization=tenant.organization,
                questionnaire=data["questionnaire"],
                title=data["title"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                recipients=people,
                program=data["program"],
                stage=data["stage"],
                baseline=data["baseline"],
                by=self.request.user,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "recipients" in error.error_dict:
                error = ValidationError({"target": error.error_dict.pop("recipients"), **error.error_dict})
            errors_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The campaign is created: %(count)s personal links.") % {"count": campaign.invitations.count()},
        )
        return redirect("campaign_detail", pk=campaign.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("New survey campaign"), cancel_url=reverse("campaign_list"), campaign_form=True, **kwargs
        )


class CampaignMixin(TenantPermissionMixin):
    @cached_property
    def campaign(self) -> Campaign:
        queryset = with_progress(campaigns_of(self.request.tenant)).select_related(
            "questionnaire", "program", "baseline", "organization"
        )
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    def detail_url(self):
        return reverse("campaign_detail", kwargs={"pk": self.campaign.pk})


class CampaignDetailView(CampaignMixin, TemplateView):
    permission_action = Action.CAMPAIGN_VIEW
    template_name = "monitoring/campaign_detail.html"

    def get_context_data(self, **kwargs):
        campaign = self.campaign
        invitations = list(invitations_of(campaign))
        classes = sorted({item.participant.class_name for item in invitations if item.participant.class_name})
        return super().get_context_data(
            campaign=campaign,
            invitations=invitations,
            classes=classes,
            today=timezone.localdate(),
            running=campaign.is_running_on(timezone.localdate()),
            can_change=self.request.tenant.can(Action.CAMPAIGN_CHANGE),
            interval=services.DEFAULT_REMINDER_INTERVAL,
            **kwargs,
        )


class CampaignActionView(CampaignMixin, View):
    permission_action = Action.CAMPAIGN_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except ValidationError as error:
            refuse(request, error)
        return redirect(self.detail_url())

    def base_url(self) -> str:
        return self.request.build_absolute_uri("/")

    def report(self, mailing: services.Mailing) -> None:
        messages.success(self.request, _("Letters sent: %(count)s.") % {"count": mailing.sent})
        if mailing.without_email:
            messages.warning(
                self.request,
                _("No e-mail in the registry (give them the printed links): %(names)s.")
                % {"names": ", ".join(mailing.without_email)},
            )


class CampaignEmailView(CampaignActionView):
    def act(self):
        self.report(services.campaign_email(campaign=self.campaign, base_url=self.base_url(), by=self.request.user))


class CampaignRemindView(CampaignActionView):
    def act(self):
        self.report(services.campaign_remind(campaign=self.campaign, base_url=self.base_url(), by=self.request.user))


class CampaignCloseView(CampaignActionView):
    def act(self):
        services.campaign_close(campaign=self.campaign, by=self.request.user)
        messages.success(self.request, _("The campaign is closed: its links no longer accept answers."))


class CampaignSheetView(CampaignMixin, View):
    """The printed sheet of personal links with QR codes, for a class or for everyone not answered."""

    permission_action = Action.CAMPAIGN_CHANGE

    def get(self, request, *args, **kwargs):
        invitations = invitations_of(self.campaign).filter(answered_at__isnull=True)
        class_name = request.GET.get("class", "")
        if class_name:
            invitations = invitations.filter(participant__class_name=class_name)
        context = {
            "campaign": self.campaign,
            "class_name": class_name,
            "invitations": list(invitations),
            "base_url": request.build_absolute_uri("/"),
        }
        return file_response(LinkSheetExporter().render(context))


class CampaignResultsView(CampaignMixin, TemplateView):
    permission_action = Action.CAMPAIGN_VIEW
    template_name = "monitoring/campaign_results.html"

    def get_context_data(self, **kwargs):
        results = campaign_results(self.campaign)
        for item in results.questions:
            if not item.bars:
                item.chart = ""
            elif item.question.kind == Question.Kind.SCALE:
                item.chart = column_chart(item.bars)
            else:
                item.chart = bar_chart(item.bars)
        return super().get_context_data(campaign=self.campaign, results=results, **kwargs)


class CampaignExportView(CampaignMixin, View):
    permission_action = Action.CAMPAIGN_VIEW

    def anonymized(self) -> bool:
        return self.request.GET.get("anonymized") == "1"

    def download_personal_data(self) -> bool:
        # The depersonalized answers carry no names (CampaignAnswersExporter).
        return not self.anonymized()

    def get(self, request, *args, **kwargs):
        exporter = CampaignAnswersExporter()
        rendered = exporter.render({"campaign": self.campaign, "anonymized": self.anonymized()})
        return file_response(rendered, rows=exporter.rows_written)


# The public page of a personal link -----------------------------------------------------------

LINK_PAGES = {
    services.LinkStatus.UNKNOWN: (404, _("The link is not found")),
    services.LinkStatus.NOT_YET: (404, _("The survey has not started yet")),
    services.LinkStatus.EXPIRED: (410, _("The link has expired")),
    services.LinkStatus.USED: (410, _("The answers are already received")),
}


class AnswerView(TenantPermissionMixin, View):
    """Open without an account: the link is the key. Shows the respondent's first name only."""

    permission_action = Action.PUBLIC

    def dispatch(self, request, *args, **kwargs):
        self.invitation, self.status = services.invitation_by_link(kwargs["key"], kwargs["secret"])
        return super().dispatch(request, *args, **kwargs)

    def refused(self, status):
        code, title = LINK_PAGES[status]
        campaign = self.invitation.campaign if self.invitation is not None else None
        context = {"status": status, "title": title, "campaign": campaign}
        response = render(self.request, "monitoring/answer_refused.html", context, status=code)
        response["Cache-Control"] = "private, no-store"
        return response

    def form(self, data=None):
        campaign = self.invitation.campaign
        questions = list(campaign.questions())
        has_people = any(question.kind == Question.Kind.PEOPLE for question in questions)
        candidates = preference_candidates(campaign) if has_people else []
        candidates = [person for person in candidates if person.pk != self.invitation.participant_id]
        return answer_form(questions, stage=campaign.stage, candidates=candidates, data=data)

    def show(self, form, status=200):
        response = render(
            self.request,
            "monitoring/answer.html",
            {
                "form": form,
                "campaign": self.invitation.campaign,
                "questionnaire": self.invitation.campaign.questionnaire,
                "first_name": self.invitation.participant.first_name,
                # The heading of the error summary above the questions (templates/includes/error_summary.html).
                "error_summary_title": _("Please check the answers marked below."),
            },
            status=status,
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def get(self, request, *args, **kwargs):
        if self.status != services.LinkStatus.OK:
            return self.refused(self.status)
        return self.show(self.form())

    def post(self, request, *args, **kwargs):
        if self.status != services.LinkStatus.OK:
            return self.refused(self.status)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.show(form)
        try:
            services.response_submit(invitation=self.invitation, answers=cleaned_answers(form))
        except ValidationError as error:
            # A second tab submitting the same link, or the campaign closed meanwhile.
            self.invitation, status = services.invitation_by_link(kwargs["key"], kwargs["secret"])
            if status != services.LinkStatus.OK:
                return self.refused(status)
            errors_to_form(form, error)
            return self.show(form)
        return redirect("answer_done")


class AnswerDoneView(TenantPermissionMixin, TemplateView):
    permission_action = Action.PUBLIC
    template_name = "monitoring/answer_done.html"
