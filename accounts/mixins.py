from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.permissions import Action
from accounts.signals import response_made


class TenantPermissionMixin(AccessMixin):
    """Every view of the product declares ``permission_action``; this mixin enforces it.

    Anonymous users go to the login page, a user whose current role lacks the action gets 403.
    Objects are looked up through selectors scoped to ``request.tenant``, so another
    organization's object answers 404.
    """

    permission_action: Action
    # For the export log: the files of a view carry personal data unless the view says otherwise.
    download_has_personal_data = True

    def download_personal_data(self) -> bool:
        """Whether this request's file carries personal data (a view may decide by the request)."""
        return self.download_has_personal_data

    def dispatch(self, request, *args, **kwargs):
        action = self.permission_action
        if action != Action.PUBLIC:
            if not request.user.is_authenticated:
                return self.handle_no_permission()
            if action != Action.AUTHENTICATED and (request.tenant is None or not request.tenant.can(action)):
                raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        # Every file handed out is written down from here, where every view passes (152-ФЗ: who took
        # what): the register of downloads listens (reports.export_log).
        response_made.send(
            sender=type(self), request=request, response=response, personal_data=self.download_personal_data()
        )
        return response


def call_service(form, service, **kwargs):
    """Runs a service for a view; its ValidationError lands next to the form's fields (or above
    the form when it names none). None on failure."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            form.add_error(None, error.messages)
        return None
