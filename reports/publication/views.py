"""Pages of the public section: managing it (curator, director, coordinator) and the public pages
themselves, open to anyone without an account."""

import copy

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from reports.exporters import PDF_CONTENT_TYPE
from reports.models import Order
from reports.publication import selectors, services
from reports.publication.export import section_zip
from reports.publication.feeds import SectionFeed
from reports.publication.forms import SectionForm, ToggleForm
from reports.publication.rendition import public_order_pdf
from reports.publication.sources import order_file_name
from reports.responses import file_response
from reports.selectors import register_owner
from reports.statute.content import statute_pdf
from reports.statute.publication import published_statute, statute_file_name

ZIP_CONTENT_TYPE = "application/zip"
# Public pages may be kept by browsers and proxies for a short while: they name no one without consent.
PUBLIC_CACHE_CONTROL = "public, max-age=300"


class SectionMixin:
    """Pages about the section of the current organization or municipality (made on first use)."""

    permission_action = Action.PUBLICATION_MANAGE

    @cached_property
    def section(self):
        return services.section_for(**register_owner(self.request.tenant))


class PublicationManageView(SectionMixin, TenantPermissionMixin, TemplateView):
    template_name = "reports/publication/manage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, sources=selectors.managed_items(self.section), **kwargs)


class PublicationToggleView(SectionMixin, TenantPermissionMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = ToggleForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing to publish is found."))
            return redirect("publication_manage")
        data = form.cleaned_data
        done = call_service(
            form,
            services.publication_set,
            section=self.section,
            source=data["source"],
            key=data["key"],
            publish=data["publish"],
            by=request.user,
        )
        if done is None:
            messages.error(request, " ".join(form.non_field_errors()))
        elif data["publish"]:
            messages.success(request, _("Published: %(title)s") % {"title": done.title})
        else:
            messages.success(request, _("Withdrawn: %(title)s") % {"title": done.title})
        return redirect("publication_manage")


class PublicationSettingsView(SectionMixin, TenantPermissionMixin, View):
    template_name = "reports/publication/settings.html"

    def show(self, form):
        return render(self.request, self.template_name, {"form": form, "section": self.section})

    def get(self, request):
        initial = {}
        if not any((self.section.contact_name, self.section.contact_email, self.section.contact_phone)):
            # The person who opens the page first is usually the one to write to.
            initial = {"contact_name": request.user.get_full_name(), "contact_email": request.user.email}
        return self.show(SectionForm(instance=self.section, initial=initial))

    def post(self, request):
        # The form validates a copy: the section itself changes only through the service.
        form = SectionForm(request.POST, instance=copy.copy(self.section))
        if form.is_valid():
            saved = call_service(
                form, services.section_update, section=self.section, by=request.user, **form.cleaned_data
            )
            if saved is not None:
                messages.success(request, _("The section's settings are saved."))
                return redirect("publication_manage")
        return self.show(form)


class PublicationPreviewView(SectionMixin, TenantPermissionMixin, View):
    def get(self, request):
        return HttpResponse(selectors.public_page_html(self.section, preview=True))


class PublicationLogView(SectionMixin, TenantPermissionMixin, ListView):
    template_name = "reports/publication/log.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        return selectors.publication_log(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class PublicationExportView(SectionMixin, TenantPermissionMixin, View):
    # What the public sees anyway: names only of people whose consent allows it.
    download_has_personal_data = False

    def get(self, request):
        content = section_zip(self.section, site_root=request.build_absolute_uri("/"))
        return file_response((f"{self.section.slug}.zip", ZIP_CONTENT_TYPE, content))


# The public pages ---------------------------------------------------------------------------------


class PublicSectionMixin:
    permission_action = Action.PUBLIC

    @cached_property
    def section(self):
        section = selectors.section_by_slug(self.kwargs["slug"])
        if section is None:
            raise Http404
        return section


def public(response: HttpResponse) -> HttpResponse:
    if "Cache-Control" not in response:
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    return response


class PublicSectionView(PublicSectionMixin, TenantPermissionMixin, View):
    def get(self, request, slug):
        return public(HttpResponse(selectors.public_page_html(self.section)))


class PublicOrderPdfView(PublicSectionMixin, TenantPermissionMixin, View):
    download_has_personal_data = False

    def get(self, request, slug, pk):
        section = self.section
        is_published = selectors.published(section).filter(source="orders", key=str(pk)).exists()
        order = Order.objects.filter(pk=pk, status=Order.Status.REGISTERED, **_owner(section)).first()
        if not is_published or order is None:
            raise Http404
        response = file_response(
            (order_file_name(order), PDF_CONTENT_TYPE, public_order_pdf(order)), as_attachment=False
        )
        del response["Cache-Control"]
        return public(response)


class PublicStatutePdfView(PublicSectionMixin, TenantPermissionMixin, View):
    download_has_personal_data = False

    def get(self, request, slug, pk):
        version = published_statute(self.section, pk)
        if version is None:
            raise Http404
        response = file_response(
            (statute_file_name(version), PDF_CONTENT_TYPE, statute_pdf(version)), as_attachment=False
        )
        del response["Cache-Control"]
        return public(response)


def _owner(section) -> dict:
    if section.organization_id:
        return {"organization_id": section.organization_id}
    return {"municipality_id": section.municipality_id}


class PublicFeedView(PublicSectionMixin, TenantPermissionMixin, View):
    def get(self, request, slug):
        return public(SectionFeed(self.section)(request, slug=slug))
