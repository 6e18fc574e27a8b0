"""Pages of the Положение: the organization's (or, for the coordinator, his organizations'), making it
from a template, the editor, a version with its files, comparing two versions, restoring one, and
drafting the order that approves one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from reports.exporters import PDF_CONTENT_TYPE, safe_filename
from reports.order_content import chapters_of
from reports.responses import file_response
from reports.statute import selectors, services
from reports.statute.content import statute_docx, statute_pdf
from reports.statute.diff import compare_sections
from reports.statute.forms import SectionFormSet, StatuteCreateForm, StatuteOrderForm, StatuteTitleForm
from reports.statute.models import Statute, StatuteVersion
from reports.views import DOCX_CONTENT_TYPE


class StatuteHomeView(TenantPermissionMixin, View):
    """The organization's Положение: the version in force, and for who keeps it the versions; the
    coordinator gets his organizations with theirs."""

    permission_action = Action.STATUTE_READ

    def get(self, request):
        tenant = request.tenant
        if tenant.is_municipal:
            rows = selectors.in_force_by_organization(tenant.municipality)
            return render(request, "reports/statute/municipal_list.html", {"rows": rows})
        organization = tenant.organization
        statute = selectors.statute_of(organization)
        can_history = tenant.can(Action.STATUTE_HISTORY)
        versions = list(selectors.versions_of(statute)) if statute and can_history else []
        return render(
            request,
            "reports/statute/home.html",
            {
                "statute": statute,
                "in_force": selectors.statute_in_force(organization=organization),
                "versions": versions,
                "latest": versions[0] if versions else None,
                "can_change": tenant.can(Action.STATUTE_CHANGE),
                "can_history": can_history,
            },
        )


class StatuteCreateView(TenantPermissionMixin, View):
    permission_action = Action.STATUTE_CHANGE
    template_name = "reports/statute/create.html"

    def form(self, data=None):
        return StatuteCreateForm(data, templates=selectors.templates_for(self.request.tenant.organization))

    def get(self, request):
        if selectors.statute_of(request.tenant.organization) is not None:
            messages.info(request, _("The organization already has its regulation on mentoring."))
            return redirect("statute_home")
        return render(request, self.template_name, {"form": self.form()})

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            statute = call_service(
                form,
                services.statute_create,
                organization=request.tenant.organization,
                template=form.cleaned_data["template"],
                by=request.user,
            )
            if statute is not None:
                messages.success(
                    request, _("The regulation is made from the template and filled with the organization's data.")
                )
                return redirect("statute_edit", pk=statute.pk)
        return render(request, self.template_name, {"form": form})


class StatuteEditView(TenantPermissionMixin, View):
    """The text section by section; each save keeps a new version (a draft). After an approval the
    approved version stays as it is and the save starts the next draft."""

    permission_action = Action.STATUTE_CHANGE
    template_name = "reports/statute/edit.html"

    @cached_property
    def statute(self) -> Statute:
        return get_object_or_404(Statute, pk=self.kwargs["pk"], organization=self.request.tenant.organization)

    def forms(self, data=None):
        latest = self.statute.versions.order_by("-number").first()
        initial = [{"title": s["title"], "text": s["text"], "ORDER": n} for n, s in enumerate(latest.sections, 1)]
        title = StatuteTitleForm(data, initial={"title": latest.title})
        sections = SectionFormSet(data, initial=initial, prefix="sections")
        return latest, title, sections

    def render(self, latest, title, sections):
        context = {"statute": self.statute, "latest": latest, "title_form": title, "sections": sections}
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        return self.render(*self.forms())

    def post(self, request, pk):
        latest, title, sections = self.forms(request.POST)
        if title.is_valid() and sections.is_valid():
            try:
                version = services.statute_save(
                    statute=self.statute,
                    title=title.cleaned_data["title"],
                    sections=sections.sections(),
                    by=request.user,
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    if field == "title":
                        title.add_error("title", problems)
                    else:
                        sections._non_form_errors = sections.error_class(problems)
                return self.render(latest, title, sections)
            if version is None:
                messages.info(request, _("Nothing changed: no new version is made."))
                return redirect("statute_version_detail", pk=latest.pk)
            messages.success(request, _("Saved as version %(number)s (a draft).") % {"number": version.number})
            return redirect("statute_version_detail", pk=version.pk)
        return self.render(latest, title, sections)


class VersionMixin:
    """Pages about one version the context may open; any other answers 404."""

    @cached_property
    def version(self) -> StatuteVersion:
        return get_object_or_404(selectors.readable_versions(self.request.tenant), pk=self.kwargs["pk"])


class StatuteVersionDetailView(TenantPermissionMixin, VersionMixin, View):
    permission_action = Action.STATUTE_READ

    def get(self, request, pk):
        version = self.version
        tenant = request.tenant
        can_history = tenant.can(Action.STATUTE_HISTORY)
        previous = None
        if can_history:
            previous = version.statute.versions.filter(number__lt=version.number).order_by("-number").first()
        in_force = selectors.statute_in_force(organization=version.statute.organization)
        return render(
            request,
            "reports/statute/version_detail.html",
            {
                "version": version,
                "chapters": chapters_of(version.sections),
                "in_force": in_force,
                "previous": previous,
                "can_change": tenant.can(Action.STATUTE_CHANGE),
                "can_history": can_history,
                "drafts": selectors.approval_drafts(version) if tenant.can(Action.STATUTE_CHANGE) else [],
            },
        )


def file_name(version: StatuteVersion, extension: str) -> str:
    state = _("approved") if version.is_approved else _("draft")
    name = _("Regulation on mentoring, version %(number)s (%(state)s)") % {"number": version.number, "state": state}
    return f"{safe_filename(name)}.{extension}"


class StatuteVersionPdfView(TenantPermissionMixin, VersionMixin, View):
    permission_action = Action.STATUTE_READ
    download_has_personal_data = False  # the organization's regulation; the curator's name at most

    def get(self, request, pk):
        return file_response((file_name(self.version, "pdf"), PDF_CONTENT_TYPE, statute_pdf(self.version)))


class StatuteVersionDocxView(TenantPermissionMixin, VersionMixin, View):
    permission_action = Action.STATUTE_READ
    download_has_personal_data = False

    def get(self, request, pk):
        return file_response((file_name(self.version, "docx"), DOCX_CONTENT_TYPE, statute_docx(self.version)))


class StatuteVersionCompareView(TenantPermissionMixin, VersionMixin, View):
    """The version against another of the same Положение (``?with=<id>``; the previous one by default)."""

    permission_action = Action.STATUTE_HISTORY

    def get(self, request, pk):
        version = self.version
        others = version.statute.versions.exclude(pk=version.pk).order_by("-number")
        chosen = request.GET.get("with", "")
        if chosen:
            if not chosen.isdigit():
                raise Http404
            other = get_object_or_404(others, pk=int(chosen))
        else:
            other = others.filter(number__lt=version.number).first() or others.first()
        older, newer = (other, version) if other is None or other.number < version.number else (version, other)
        changes = compare_sections(older.sections, newer.sections) if other is not None else []
        return render(
            request,
            "reports/statute/compare.html",
            {
                "version": version,
                "older": older,
                "newer": newer,
                "others": others,
                "other": other,
                "changes": changes,
                "title_changed": other is not None and older.title != newer.title,
            },
        )


class StatuteVersionRestoreView(TenantPermissionMixin, VersionMixin, View):
    permission_action = Action.STATUTE_CHANGE

    def get(self, request, pk):
        return render(request, "reports/statute/restore.html", {"version": self.version})

    def post(self, request, pk):
        restored = services.statute_version_restore(version=self.version, by=request.user)
        messages.success(
            request,
            _("Version %(old)s is restored as version %(new)s (a draft).")
            % {"old": self.version.number, "new": restored.number},
        )
        return redirect("statute_version_detail", pk=restored.pk)


class StatuteOrderDraftView(TenantPermissionMixin, VersionMixin, View):
    """A draft of the order «Об утверждении Положения…» carrying this version; registered in the register."""

    permission_action = Action.STATUTE_CHANGE
    template_name = "reports/statute/order_draft.html"

    def render(self, form):
        return render(self.request, self.template_name, {"version": self.version, "form": form})

    def get(self, request, pk):
        return self.render(StatuteOrderForm())

    def post(self, request, pk):
        form = StatuteOrderForm(request.POST)
        if form.is_valid():
            order = call_service(
                form,
                services.statute_order_draft,
                version=self.version,
                by=request.user,
                on_date=form.cleaned_data["date"],
            )
            if order is not None:
                messages.success(
                    request,
                    _(
                        "The draft order carries the regulation as its appendix: check it; "
                        "its registration approves the version."
                    ),
                )
                return redirect("order_update", pk=order.pk)
        return self.render(form)
