"""The curator's matching page: the suggestions of a program from its kept computation (made in the
background with progress when the cohort is large), accepted all at once, by selection or one by
one, changed, or rejected for good with a reason."""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView, View
from django_htmx.http import HttpResponseClientRefresh

from accounts.collation import person_key
from accounts.ids import parse_id
from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.academic_year import academic_year_label
from mentoring.models import MatchingExclusion, MatchingRun, Participant, Program
from mentoring.pairs.matching import (
    BEST_TOTAL,
    CRITERIA,
    CRITERION_LABELS,
    MAX_WEIGHT,
    STEPS,
    STRATEGIES,
    ended_incompatible,
    matching_exclusion_add,
    matching_exclusion_remove,
    matching_weights_update,
    suggestions_accept,
    weights_of,
)
from mentoring.pairs.matching_runs import (
    Params,
    current_run,
    matching_run_start,
    mentor_options,
    read_result,
    run_key,
)

# Rows of suggestions (and of mentees without one) on a page: the page stays light at any cohort size.
PAGE_SIZE = 100


def programs_of(tenant):
    return Program.objects.filter(organization=tenant.organization).select_related("form")


def participants_of(tenant):
    return Participant.objects.filter(organization=tenant.organization)


def runs_of(tenant):
    return MatchingRun.objects.filter(program__organization=tenant.organization)


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion] = forms.IntegerField(
                label=CRITERION_LABELS[criterion], min_value=0, max_value=MAX_WEIGHT
            )


class ParamsForm(forms.Form):
    """The parameters of a computation, read from the page's address (or a posted form's copy)."""

    min_score = forms.DecimalField(
        label=gettext_lazy("Minimum score"),
        required=False,
        min_value=0,
        max_value=MAX_WEIGHT * len(CRITERIA),
        max_digits=5,
        decimal_places=2,
        help_text=gettext_lazy("Pairs scoring less are not suggested; 0: every pair that meets any criterion."),
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )
    strategy = forms.ChoiceField(
        label=gettext_lazy("Aim"),
        required=False,
        choices=list(STRATEGIES.items()),
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, **kwargs):
        # Only the form's own values: the page's address carries others (program, page, edit).
        data = {name: data[name] for name in ("min_score", "strategy") if data and name in data}
        super().__init__(data or None, initial={"min_score": 0, "strategy": BEST_TOTAL}, **kwargs)

    def is_usable(self) -> bool:
        """No parameters (the defaults) or valid ones."""
        return not self.is_bound or self.is_valid()

    def params(self) -> Params:
        if not self.is_bound or not self.is_valid():
            return Params()
        min_score = self.cleaned_data.get("min_score") or Decimal(0)
        return Params(min_score=float(min_score), strategy=self.cleaned_data.get("strategy") or BEST_TOTAL)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why this pair does not fit"),
        max_length=300,
        error_messages={"required": gettext_lazy("Write why this pair does not fit.")},
    )


def params_query(params: Params) -> dict:
    """The parameters as the page's address carries them (defaults left out)."""
    query = {}
    if params.min_score:
        query["min_score"] = f"{params.min_score:g}"
    if params.strategy != BEST_TOTAL:
        query["strategy"] = params.strategy
    return query


def matching_url(program: Program, params: Params | None = None, **extra) -> str:
    query = {"program": program.pk, **params_query(params or Params()), **extra}
    return f"{reverse('matching')}?{urlencode(query)}"


def page_number(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 7 else None


class MatchingView(TenantPermissionMixin, TemplateView):
    permission_action = Action.MATCHING
    template_name = "mentoring/matching/matching.html"

    @cached_property
    def data(self):
        return self.request.POST if self.request.method == "POST" else self.request.GET

    @cached_property
    def programs(self) -> list[Program]:
        return list(programs_of(self.request.tenant))

    @cached_property
    def program(self) -> Program | None:
        requested = self.data.get("program")
        if requested is None:
            return self.programs[0] if self.programs else None
        chosen = next((program for program in self.programs if str(program.pk) == requested), None)
        if chosen is None:
            raise Http404
        return chosen

    @cached_property
    def params_form(self) -> ParamsForm:
        return ParamsForm(self.data)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = self.programs
        program = self.program
        if program is None:
            return context
        weights = weights_of(program.matching_weights)
        context.update(
            program=program,
            year_label=academic_year_label(program.academic_year),
            weights_form=kwargs.get("weights_form")
            or WeightsForm(initial={c: int(w) if w.is_integer() else w for c, w in weights.items()}),
            params_form=self.params_form,
            steps=STEPS,
        )
        if not self.params_form.is_usable():
            return context
        params = self.params_form.params()
        today, language = timezone.localdate(), get_language()
        key = run_key(program, params, on_date=today, language=language)
        run = current_run(program, key) or matching_run_start(
            program=program, params=params, key=key, by=self.request.user, on_date=today, language=language
        )
        query = {"program": program.pk, **params_query(params)}
        context.update(run=run, params=params, query=urlencode(query))
        if run.status != MatchingRun.Status.DONE:
            return context
        result = read_result(run)
        suggestions = Paginator(result.suggestions, PAGE_SIZE).get_page(page_number(self.request.GET.get("page")))
        unmatched = Paginator(result.unmatched, PAGE_SIZE).get_page(page_number(self.request.GET.get("upage")))
        editing = parse_id(self.request.GET.get("edit"), Participant)
        rejecting = kwargs.get("rejecting") or parse_id(self.request.GET.get("reject"), Participant)
        reject_form = kwargs.get("reject_form") or RejectForm()
        if reject_form.errors and rejecting not in {s.mentee.participant_id for s in suggestions}:
            # The row of the refused pair is not on this page (or no longer suggested): say it above.
            for error in reject_form.errors.get("reason", []) + reject_form.non_field_errors():
                messages.error(self.request, error)
        context.update(
            result=result,
            suggestions=suggestions,
            unmatched=unmatched,
            page_query=urlencode({**query, "page": suggestions.number, "upage": unmatched.number}),
            editing=editing,
            options=mentor_options(program, run, editing, on_date=today) if editing else [],
            rejecting=rejecting,
            reject_form=reject_form,
            exclusions=(exclusions := self.exclusions()),
            ended=(ended := self.ended()),
            not_suggested_count=len(exclusions) + len(ended),
        )
        return context

    def exclusions(self) -> list[MatchingExclusion]:
        return list(
            MatchingExclusion.objects.filter(organization=self.request.tenant.organization).select_related(
                "mentee", "mentor", "created_by"
            )
        )

    def ended(self) -> list[tuple[Participant, Participant, str]]:
        """The pairs that ended because the two did not get on: never suggested again."""
        pairs = ended_incompatible(self.request.tenant.organization.pk)
        people = participants_of(self.request.tenant).in_bulk({pk for pair in pairs for pk in pair})
        rows = [
            (people[mentee], people[mentor], reason)
            for (mentee, mentor), reason in pairs.items()
            if mentee in people and mentor in people
        ]
        return sorted(rows, key=lambda row: (person_key(row[1]), person_key(row[0])))


class MatchingRunProgressView(TenantPermissionMixin, DetailView):
    """The progress of a computation alone, for htmx to poll every second; once it has finished,
    htmx reloads the page, which then shows the result."""

    permission_action = Action.MATCHING
    template_name = "mentoring/matching/_progress.html"
    context_object_name = "run"

    def get_queryset(self):
        return runs_of(self.request.tenant).defer("result")

    def get(self, request, *args, **kwargs):
        self.object = run = self.get_object()
        if run.is_finished and request.htmx:
            return HttpResponseClientRefresh()
        params = Params(
            min_score=float(run.params.get("min_score", 0)), strategy=run.params.get("strategy", BEST_TOTAL)
        )
        query = urlencode({"program": run.program_id, **params_query(params)})
        return self.render_to_response(self.get_context_data(object=run, steps=STEPS, query=query))


class MatchingActionView(TenantPermissionMixin, View):
    """A POST about one program of the organization; without a program it goes back to the page."""

    permission_action = Action.MATCHING
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        program_id = parse_id(request.POST.get("program"), Program)
        if program_id is None:
            messages.error(request, _("Choose a program."))
            return redirect("matching")
        self.program = get_object_or_404(programs_of(request.tenant), pk=program_id)
        return self.act(self.program)

    @cached_property
    def params(self) -> Params:
        return ParamsForm(self.request.POST).params()

    def back(self, **extra):
        """The page as it was: the same parameters and page of suggestions."""
        pages = {name: number for name in ("page", "upage") if (number := page_number(self.request.POST.get(name)))}
        return redirect(matching_url(self.program, self.params, **pages, **extra))

    def pair(self) -> tuple[Participant, Participant]:
        people = participants_of(self.request.tenant)
        mentee = get_object_or_404(people, pk=parse_id(self.request.POST.get("mentee"), Participant) or 0)
        mentor = get_object_or_404(people, pk=parse_id(self.request.POST.get("mentor"), Participant) or 0)
        return mentee, mentor

    def report(self, accepted) -> None:
        for who, problems in accepted.failures:
            messages.error(self.request, f"{who}: {' '.join(problems)}")


class MatchingComputeView(MatchingActionView):
    """Computes the suggestions anew, whatever is kept (after a failure, or to be sure)."""

    def act(self, program):
        today, language = timezone.localdate(), get_language()
        params = self.params
        key = run_key(program, params, on_date=today, language=language)
        matching_run_start(
            program=program, params=params, key=key, by=self.request.user, on_date=today, language=language
        )
        return self.back()


class MatchingAcceptView(MatchingActionView):
    def act(self, program):
        mentee, mentor = self.pair()
        accepted = suggestions_accept(program=program, pairs=[(mentee.pk, mentor.pk)], by=self.request.user)
        self.report(accepted)
        if accepted.units:
            messages.success(
                self.request,
                _("The draft pair «%(mentor)s — %(mentee)s» is created.")
                % {"mentor": mentor.full_name, "mentee": mentee.full_name},
            )
        return self.back()


def ids_posted(post, compact: str, listed: str) -> list[str]:
    """The ids of a selection: one field of comma-separated ids (what the page's script sends, so
    that any number of ticks is one field) or, without the script, one field per tick."""
    if post.get(compact):
        return [value.strip() for value in post[compact].split(",") if value.strip()]
    return post.getlist(listed)


class MatchingAcceptAllView(MatchingActionView):
    """Accepts every suggestion of a kept computation, or the ticked ones: the page posts the
    computation's id and, for a selection, the mentees' ids, never the pairs themselves."""

    def act(self, program):
        run_id = parse_id(self.request.POST.get("run"), MatchingRun)
        if run_id is None:
            messages.error(self.request, _("The suggestions are not computed yet: wait for them and try again."))
            return self.back()
        run = runs_of(self.request.tenant).filter(pk=run_id, program=program).first()
        if run is None:
            # Replaced by newer computations meanwhile (or never one of this program's).
            messages.error(self.request, _("The suggestions have been computed anew: look at them again and accept."))
            return self.back()
        if run.status != MatchingRun.Status.DONE:
            messages.error(self.request, _("The suggestions are not computed yet: wait for them and try again."))
            return self.back()
        pairs = read_result(run).pairs
        if self.request.POST.get("scope") == "selected":
            pairs = self.selected(pairs)
            if pairs is None:
                return self.back()
        if not pairs:
            messages.error(self.request, _("There are no suggestions to accept."))
            return self.back()
        accepted = suggestions_accept(
            program=program, pairs=pairs, by=self.request.user, as_groups="as_groups" in self.request.POST
        )
        self.report(accepted)
        if accepted.units:
            messages.success(
                self.request, _("Draft pairs and groups created: %(count)s.") % {"count": len(accepted.units)}
            )
        return self.back()

    def selected(self, pairs: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        """The computation's pairs of the ticked mentees; None (with a message) when a tick is not
        one of its mentees or nothing is ticked."""
        values = ids_posted(self.request.POST, "mentees", "mentee")
        if not values:
            messages.error(self.request, _("Tick the suggestions to accept."))
            return None
        by_mentee = dict(pairs)
        chosen = []
        for value in values:
            mentee = parse_id(value, Participant)
            if mentee is None or mentee not in by_mentee:
                messages.error(
                    self.request, _("«%(value)s» is not one of the suggestions.") % {"value": str(value)[:40]}
                )
                return None
            chosen.append((mentee, by_mentee[mentee]))
        return chosen


class MatchingRejectView(MatchingView):
    """«Не предлагать эту пару»: kept with who and why; a missing reason shows next to its field."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if parse_id(request.POST.get("program"), Program) is None:
            messages.error(request, _("Choose a program."))
            return redirect("matching")
        program = self.program
        people = participants_of(request.tenant)
        mentee = get_object_or_404(people, pk=parse_id(request.POST.get("mentee"), Participant) or 0)
        mentor = get_object_or_404(people, pk=parse_id(request.POST.get("mentor"), Participant) or 0)
        form = RejectForm(request.POST)
        if form.is_valid():
            try:
                matching_exclusion_add(
                    program=program, mentee=mentee, mentor=mentor, reason=form.cleaned_data["reason"], by=request.user
                )
            except ValidationError as error:
                form.add_error("reason" if hasattr(error, "error_dict") else None, error)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(reject_form=form, rejecting=mentee.pk))
        messages.success(
            request,
            _("The pair «%(mentor)s — %(mentee)s» will not be suggested again.")
            % {"mentor": mentor.full_name, "mentee": mentee.full_name},
        )
        params = self.params_form.params()
        pages = {name: number for name in ("page", "upage") if (number := page_number(request.POST.get(name)))}
        return redirect(matching_url(program, params, **pages))


class MatchingRestoreView(MatchingActionView):
    """Takes back a «не предлагать эту пару»: the pair may be suggested again."""

    def act(self, program):
        exclusion_id = parse_id(self.request.POST.get("exclusion"), MatchingExclusion)
        if exclusion_id is None:
            messages.error(self.request, _("Choose the pair to suggest again."))
            return self.back()
        exclusion = get_object_or_404(
            MatchingExclusion.objects.filter(organization=self.request.tenant.organization).select_related(
                "mentee", "mentor"
            ),
            pk=exclusion_id,
        )
        matching_exclusion_remove(exclusion=exclusion, by=self.request.user)
        messages.success(
            self.request,
            _("The pair «%(mentor)s — %(mentee)s» may be suggested again.")
            % {"mentor": exclusion.mentor.full_name, "mentee": exclusion.mentee.full_name},
        )
        return self.back()


class MatchingWeightsView(MatchingView):
    """Saves the program's weights; a wrong value shows next to its field on the matching page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if parse_id(request.POST.get("program"), Program) is None:
            messages.error(request, _("Choose a program."))
            return redirect("matching")
        program = self.program
        form = WeightsForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(weights_form=form))
        matching_weights_update(program=program, weights=weights_of(form.cleaned_data), by=request.user)
        messages.success(request, _("The weights of the criteria are saved; the suggestions are recomputed."))
        return redirect(matching_url(program, self.params_form.params()))
