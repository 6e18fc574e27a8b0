"""Pages of the XLSX import of participants: the template, the upload, the preview, the confirmation.

The uploaded file waits in the default storage (``mentoring.registry.importing``); the session
keeps only which file it is, its original name and the organization it was uploaded in. Every
page reads the file again, so the preview and the confirmation always check the rows against the registry as it is now.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from mentoring.registry import importing
from reports.responses import file_response

SESSION_KEY = "mentoring.import"


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("XLSX file"),
        help_text=gettext_lazy("The filled-in template: up to 5,000 rows and 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.parsed = importing.read_workbook(upload)
        except importing.ImportFileError as error:
            raise ValidationError(str(error), code="file") from error
        return upload


class ImportTemplateView(TenantPermissionMixin, View):
    permission_action = Action.REGISTRY_IMPORT
    download_has_personal_data = False  # an empty template

    def get(self, request):
        content = importing.build_template()
        return file_response((importing.TEMPLATE_FILENAME, importing.XLSX_CONTENT_TYPE, content), rows=0)


class ImportUploadView(TenantPermissionMixin, FormView):
    permission_action = Action.REGISTRY_IMPORT
    form_class = ImportUploadForm
    template_name = "mentoring/import/upload.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(columns=importing.COLUMNS, max_rows=importing.MAX_ROWS)
        return context

    def form_valid(self, form):
        previous = self.request.session.get(SESSION_KEY)
        if previous:
            importing.remove_upload(previous.get("uuid", ""))
        upload = form.cleaned_data["file"]
        self.request.session[SESSION_KEY] = {
            "uuid": importing.store_upload(upload),
            "name": upload.name,
            "organization": self.request.tenant.organization.pk,
        }
        return redirect("registry_import_preview")


class StoredUploadMixin:
    """Finds the uploaded file the session points to."""

    def stored_upload(self):
        """(session entry, content, problem): the problem is a message when the file cannot be used."""
        entry = self.request.session.get(SESSION_KEY)
        if not entry:
            return None, None, _("No file is uploaded for import.")
        if entry.get("organization") != self.request.tenant.organization.pk:
            return (
                entry,
                None,
                _(
                    "The file «%(name)s» was uploaded in another organization: you have switched the role "
                    "since. Nothing is saved here; upload the file again."
                )
                % {"name": entry.get("name", "")},
            )
        content = importing.open_upload(entry.get("uuid", ""))
        if content is None:
            return entry, None, _("The uploaded file is no longer kept. Upload it again.")
        return entry, content, None


class ImportPreviewView(TenantPermissionMixin, StoredUploadMixin, View):
    permission_action = Action.REGISTRY_IMPORT
    template_name = "mentoring/import/preview.html"

    def get(self, request):
        entry, content, problem = self.stored_upload()
        context = {"entry": entry, "problem": problem}
        if content is not None:
            try:
                parsed = importing.load_rows(
                    content, organization=request.tenant.organization, on_date=timezone.localdate()
                )
            except importing.ImportFileError as error:
                context["problem"] = str(error)
            else:
                bad_rows = parsed.bad_rows
                context.update(
                    parsed=parsed,
                    table=parsed.table(),
                    bad_rows=bad_rows,
                    bad_row_numbers=importing.row_numbers(bad_rows),
                    shown_bad_rows=bad_rows[: importing.SUMMARY_ROWS],
                )
        return render(request, self.template_name, context)


class ImportConfirmView(TenantPermissionMixin, StoredUploadMixin, View):
    permission_action = Action.REGISTRY_IMPORT
    http_method_names = ["post"]

    def post(self, request):
        entry, content, _problem = self.stored_upload()
        if content is None:
            # The preview explains what is wrong and links to the upload.
            return redirect("registry_import_preview")
        try:
            parsed = importing.read_workbook(content)
            participants = importing.import_participants(
                organization=request.tenant.organization, rows=parsed.rows, by=request.user
            )
        except importing.ImportFileError as error:
            messages.error(request, str(error))
            return redirect("registry_import_preview")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("registry_import_preview")
        importing.remove_upload(entry["uuid"])
        del request.session[SESSION_KEY]
        messages.success(request, _("Participants imported: %(count)s.") % {"count": len(participants)})
        return redirect("participant_list")
