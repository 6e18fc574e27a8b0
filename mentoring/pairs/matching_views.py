"""The curator's matching page: suggestions for a program, accepted, edited or rejected row by row."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from accounts.ids import parse_id
from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.academic_year import academic_year_label
from mentoring.models import Participant, Program
from mentoring.pairs.matching import (
    CRITERIA,
    CRITERION_LABELS,
    MAX_WEIGHT,
    matching_weights_update,
    program_matching,
    suggestions_accept,
    weights_of,
)

# The session keeps the rejected (mentee, mentor) pairs per program, so recomputing skips them.
REJECTED_KEY = "matching_rejected"


def programs_of(tenant):
    return Program.objects.filter(organization=tenant.organization).select_related("form")


def participants_of(tenant):
    return Participant.objects.filter(organization=tenant.organization)


def rejected_pairs(request, program: Program) -> set[tuple[int, int]]:
    return {tuple(pair) for pair in request.session.get(REJECTED_KEY, {}).get(str(program.pk), [])}


def _store_rejected(request, program: Program, pairs: set[tuple[int, int]]) -> None:
    stored = dict(request.session.get(REJECTED_KEY, {}))
    if pairs:
        stored[str(program.pk)] = sorted(list(pair) for pair in pairs)
    else:
        stored.pop(str(program.pk), None)
    request.session[REJECTED_KEY] = stored


class WeightsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion] = forms.IntegerField(
                label=CRITERION_LABELS[criterion], min_value=0, max_value=MAX_WEIGHT
            )


class PairsField(forms.Field):
    """The suggestions of the page as "mentee id:mentor id" values, read as pairs of ids."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {"invalid_choice": forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]}

    def to_python(self, value) -> list[tuple[int, int]]:
        pairs = []
        for item in value or []:
            mentee, _sep, mentor = item.partition(":")
            pair = (parse_id(mentee, Participant), parse_id(mentor, Participant))
            if None in pair:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                )
            pairs.append(pair)
        return pairs


class SuggestionsForm(forms.Form):
    pair = PairsField(error_messages={"required": gettext_lazy("There are no suggestions to accept.")})


class MatchingView(TenantPermissionMixin, TemplateView):
    permission_action = Action.MATCHING
    template_name = "mentoring/matching/matching.html"

    @cached_property
    def programs(self) -> list[Program]:
        return list(programs_of(self.request.tenant))

    @cached_property
    def program(self) -> Program | None:
        requested = self.request.POST.get("program") or self.request.GET.get("program")
        if requested is None:
            return self.programs[0] if self.programs else None
        chosen = next((program for program in self.programs if str(program.pk) == requested), None)
        if chosen is None:
            raise Http404
        return chosen

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programs"] = self.programs
        program = self.program
        if program is None:
            return context
        matching = program_matching(program, timezone.localdate(), rejected_pairs(self.request, program))
        editing = parse_id(self.request.GET.get("edit"), Participant)
        mentors = matching.cohort.mentors
        context.update(
            program=program,
            year_label=academic_year_label(program.academic_year),
            matching=matching,
            weights_form=kwargs.get("weights_form")
            or WeightsForm(initial={c: int(w) if w.is_integer() else w for c, w in matching.weights.items()}),
            editing=editing,
            options=matching.options_for(editing) if editing else [],
            rejected_count=len(rejected_pairs(self.request, program)),
            free_places=sum(mentor.places for mentor in mentors if mentor.consent),
            available_mentors=sum(1 for mentor in mentors if mentor.consent and mentor.places > 0),
        )
        return context


def matching_url(program: Program, **extra) -> str:
    query = "&".join(f"{key}={value}" for key, value in {"program": program.pk, **extra}.items())
    return f"{reverse('matching')}?{query}"


class MatchingActionView(TenantPermissionMixin, View):
    """A POST about one program of the organization; without a program it goes back to the page."""

    permission_action = Action.MATCHING
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        program_id = parse_id(request.POST.get("program"), Program)
        if program_id is None:
            messages.error(request, _("Choose a program."))
            return redirect("matching")
        program = get_object_or_404(programs_of(request.tenant), pk=program_id)
        return self.act(program)

    def pair(self) -> tuple[Participant, Participant]:
        people = participants_of(self.request.tenant)
        mentee = get_object_or_404(people, pk=parse_id(self.request.POST.get("mentee"), Participant) or 0)
        mentor = get_object_or_404(people, pk=parse_id(self.request.POST.get("mentor"), Participant) or 0)
        return mentee, mentor

    def report(self, accepted) -> None:
        for who, problems in accepted.failures:
            messages.error(self.request, f"{who}: {' '.join(problems)}")


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
        return redirect(matching_url(program))


class MatchingAcceptAllView(MatchingActionView):
    def act(self, program):
        form = SuggestionsForm(self.request.POST)
        if not form.is_valid():
            for message in form.errors["pair"]:
                messages.error(self.request, message)
            return redirect(matching_url(program))
        accepted = suggestions_accept(
            program=program,
            pairs=form.cleaned_data["pair"],
            by=self.request.user,
            as_groups="as_groups" in self.request.POST,
        )
        self.report(accepted)
        if accepted.units:
            messages.success(
                self.request, _("Draft pairs and groups created: %(count)s.") % {"count": len(accepted.units)}
            )
        return redirect(matching_url(program))


class MatchingRejectView(MatchingActionView):
    def act(self, program):
        mentee, mentor = self.pair()
        _store_rejected(self.request, program, rejected_pairs(self.request, program) | {(mentee.pk, mentor.pk)})
        messages.success(
            self.request,
            _("The suggestion «%(mentor)s — %(mentee)s» is rejected; it will not be suggested again in this session.")
            % {"mentor": mentor.full_name, "mentee": mentee.full_name},
        )
        return redirect(matching_url(program))


class MatchingRestoreView(MatchingActionView):
    """Forgets the rejections of a program."""

    def act(self, program):
        _store_rejected(self.request, program, set())
        messages.success(self.request, _("The rejected suggestions are back in the matching."))
        return redirect(matching_url(program))


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
        return redirect(matching_url(program))
