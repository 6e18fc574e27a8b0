"""Pages of the invitations: a curator invites a person of the registry; the owner of an existing
account answers an invitation to it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import View

from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.registry import invitations
from mentoring.registry.forms import InviteForm
from mentoring.registry.selectors import participants_of


class ParticipantInviteView(TenantPermissionMixin, View):
    permission_action = Action.PARTICIPANT_INVITE
    http_method_names = ["post"]

    def post(self, request, pk):
        participant = get_object_or_404(participants_of(request.tenant), pk=pk)
        form = InviteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose the role of the invitation."))
            return redirect("participant_detail", pk=pk)
        try:
            outcome = invitations.participant_invite(
                participant=participant,
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=request.build_absolute_uri("/").rstrip("/"),
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if outcome.awaits_acceptance:
                messages.success(
                    request,
                    _(
                        "This e-mail belongs to an account that works elsewhere. Its owner is asked to accept "
                        "the invitation; the role is given after that."
                    ),
                )
            else:
                messages.success(request, _("The invitation is sent to %(email)s.") % {"email": outcome.user.email})
        return redirect("participant_detail", pk=pk)


class InvitationAnswerView(TenantPermissionMixin, View):
    """The owner of an account accepts or declines an invitation (home page panel). Any logged-in
    user may post here; only their own open invitations are found."""

    permission_action = Action.AUTHENTICATED
    http_method_names = ["post"]
    accept = True

    def post(self, request, pk):
        invitation = get_object_or_404(invitations.open_invitations(request.user), pk=pk)
        try:
            invitations.invitation_answer(invitation=invitation, accept=self.accept, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if self.accept:
                messages.success(
                    request,
                    _("You now also work in %(organization)s as: %(role)s. Switch to it in the role menu.")
                    % {
                        "organization": invitation.participant.organization.short_name,
                        "role": invitation.get_role_display(),
                    },
                )
            else:
                messages.success(request, _("The invitation is declined."))
        return redirect("home")
