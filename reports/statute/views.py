"""Pages of the Положение of an organization and of the target model of a municipality (the same kind
of document, kept by the curator or by the coordinator, who also reads his organizations' Положения in
force): making it from a template, the editor, a version with its files, comparing two versions,
restoring one, and drafting the order that approves one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import View

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.ownership import owner_lookup
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
    """The context's document: the version in force, and for who keeps it the versions; the
    coordinator's page adds his organizations with their Положения in force."""

    permission_action = Action.STATUTE_READ

    def get(self, request):
        tenant = request.tenant
        owner = tenant.owner
        statute = selectors.statute_of(owner)
        can_history = tenant.can(Action.STATUTE_HISTORY)
        versions = list(selectors.versions_of(statute)) if statute and can_history else []
        return render(
            request,
            "reports/statute/home.html",
            {
                "is_municipal": tenant.is_municipal,
                "statute": statute,
                "in_force": selectors.statute_in_force(owner),
                "versions": versions,
                "latest": versions[0] if versions else None,
                "can_change": tenant.can(Action.STATUTE_CHANGE),
                "can_history": can_history,
                "rows": selectors.in_force_by_organization(owner) if tenant.is_municipal else None,
            },
        )


class StatuteCreateView(TenantPermissionMixin, View):
    permission_action = Action.STATUTE_CHANGE
    template_name = "reports/statute/create.html"

    def form(self, data=None):
        return StatuteCreateForm(data, templates=selectors.templates_for(self.request.tenant.owner))

    def context(self, form):
        return {"form": form, "is_municipal": self.request.tenant.is_municipal}

    def get(self, request):
        if selectors.statute_of(request.tenant.owner) is not None:
            if request.tenant.is_municipal:
                messages.info(request, _("The municipality already has its target model of mentoring."))
            else:
                messages.info(request, _("The organization already has its regulation on mentoring."))
            return redirect("statute_home")
        return render(request, self.template_name, self.context(self.form()))

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            statute = call_service(
                form,
                services.statute_create,
                owner=request.tenant.owner,
                template=form.cleaned_data["template"],
                by=request.user,
            )
            if statute is not None:
                if request.tenant.is_municipal:
                    done = _("The target model is made from the template and filled with the municipality's data.")
                else:
                    done = _("The regulation is made from the template and filled with the organization's data.")
                messages.success(request, done)
                return redirect("statute_edit", pk=statute.pk)
        return render(request, self.template_name, self.context(form))


class StatuteEditView(TenantPermissionMixin, View):
    """The text section by section; each save keeps a new version (a draft). After an approval the
    approved version stays as it is and the save starts the next draft."""

    permission_action = Action.STATUTE_CHANGE
    template_name = "reports/statute/edit.html"

    @cached_property
    def statute(self) -> Statute:
        owner = self.request.tenant.owner
        return get_object_or_404(Statute, pk=self.kwargs["pk"], **owner_lookup(owner))

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
    """Pages about one version the context may open; any other answers 404. A page that changes or
    compares versions (``own_only``) opens only the context's own document's."""

    own_only = False

    @cached_property
    def version(self) -> StatuteVersion:
        tenant = self.request.tenant
        versions = selectors.own_versions(tenant) if self.own_only else selectors.readable_versions(tenant)
        return get_object_or_404(versions, pk=self.kwargs["pk"])


class StatuteVersionDetailView(TenantPermissionMixin, VersionMixin, View):
    permission_action = Action.STATUTE_READ

    def get(self, request, pk):
        version = self.version
        tenant = request.tenant
        # The coordinator reads an organization's approved versions only: no history, no changes.
        is_own = version.statute.owner == tenant.owner
        can_history = is_own and tenant.can(Action.STATUTE_HISTORY)
        can_change = is_own and tenant.can(Action.STATUTE_CHANGE)
        previous = None
        if can_history:
            previous = version.statute.versions.filter(number__lt=version.number).order_by("-number").first()
        in_force = selectors.statute_in_force(version.statute.owner)
        return render(
            request,
            "reports/statute/version_detail.html",
            {
                "version": version,
                "chapters": chapters_of(version.sections),
                "in_force": in_force,
                "previous": previous,
                "can_change": can_change,
                "can_history": can_history,
                "drafts": selectors.approval_drafts(version) if can_change else [],
            },
        )


def file_name(version: StatuteVersion, extension: str) -> str:
    state = _("approved") if version.is_approved else _("draft")
    if version.statute.is_municipal:
        name = _("Target model of mentoring, version %(number)s (%(state)s)")
    else:
        name = _("Regulation on mentoring, version %(number)s (%(state)s)")
    name = name % {"number": version.number, "state": state}
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

    own_only = True
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
    own_only = True
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

    own_only = True
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
