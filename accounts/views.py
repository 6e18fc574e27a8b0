from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView, UpdateView, View

from accounts.accessibility import COOKIE_MAX_AGE, COOKIE_NAME, preferences_of, user_accessibility_set
from accounts.forms import (
    AccessibilityForm,
    ContextSwitchForm,
    LoginForm,
    MunicipalityForm,
    OrganizationForm,
    ProfileForm,
)
from accounts.home import panels_for
from accounts.mixins import TenantPermissionMixin
from accounts.permissions import Action
from accounts.selectors import municipality_organizations, organization_staff, organizations_visible
from accounts.tenancy import SESSION_KEY


class HomeView(TenantPermissionMixin, TemplateView):
    permission_action = Action.AUTHENTICATED
    template_name = "accounts/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(panels=panels_for(self.request), **kwargs)


class ContextSwitchView(TenantPermissionMixin, View):
    """Makes another of the user's memberships the current one (navbar menu)."""

    permission_action = Action.AUTHENTICATED
    http_method_names = ["post"]

    def post(self, request):
        form = ContextSwitchForm(request.POST, memberships=request.memberships)
        if not form.is_valid():
            messages.error(request, _("This role is not yours."))
            return redirect("home")
        membership = form.cleaned_data["membership"]
        request.session[SESSION_KEY] = membership.pk
        messages.success(request, _("You now work as %(membership)s.") % {"membership": membership})
        # Pages of the previous organization would answer 404, so go home unless told otherwise.
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = reverse("home")
        # Never redirect(): it takes text that is not a URL ("abc") for a view name, and a 500.
        return HttpResponseRedirect(target)


class OrganizationDetailView(TenantPermissionMixin, DetailView):
    permission_action = Action.ORGANIZATION_VIEW
    template_name = "accounts/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return organizations_visible(self.request.tenant)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tenant = self.request.tenant
        if tenant.can(Action.STAFF_VIEW) and not tenant.is_municipal:
            context["staff"] = organization_staff(self.object)
        context["can_change"] = tenant.can(Action.ORGANIZATION_CHANGE)
        return context


class OrganizationUpdateView(TenantPermissionMixin, SuccessMessageMixin, UpdateView):
    permission_action = Action.ORGANIZATION_CHANGE
    template_name = "accounts/organization_form.html"
    form_class = OrganizationForm
    context_object_name = "organization"
    success_message = _("The organization's details are saved.")

    def get_queryset(self):
        return organizations_visible(self.request.tenant)

    def get_success_url(self):
        return reverse("organization_detail", kwargs={"pk": self.object.pk})


class ProfileView(TenantPermissionMixin, SuccessMessageMixin, UpdateView):
    """«Мои данные»: a person's own account, whatever their role."""

    permission_action = Action.AUTHENTICATED
    template_name = "accounts/profile_form.html"
    form_class = ProfileForm
    success_message = _("Your details are saved.")
    success_url = reverse_lazy("profile")

    def get_object(self, queryset=None):
        return self.request.user


class MunicipalityOrganizationsView(TenantPermissionMixin, ListView):
    permission_action = Action.MUNICIPALITY_VIEW
    template_name = "accounts/municipality_organizations.html"
    context_object_name = "organizations"
    paginate_by = 50

    def get_queryset(self):
        return municipality_organizations(self.request.tenant)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            municipality=self.request.tenant.municipality,
            can_change=self.request.tenant.can(Action.MUNICIPALITY_CHANGE),
            **kwargs,
        )


class MunicipalityUpdateView(TenantPermissionMixin, SuccessMessageMixin, UpdateView):
    """The coordinator's own municipality: always the one of the current context, so no one reaches another."""

    permission_action = Action.MUNICIPALITY_CHANGE
    template_name = "accounts/municipality_form.html"
    form_class = MunicipalityForm
    context_object_name = "municipality"
    success_message = _("The municipality's details are saved.")
    success_url = reverse_lazy("municipality_organizations")

    def get_object(self, queryset=None):
        return self.request.tenant.municipality


class AccessibilityView(TenantPermissionMixin, View):
    """The version for the visually impaired: its settings page, and where the bar above the navbar
    sends a choice. Open to everyone (the questionnaire's pupils and the login page have it too)."""

    permission_action = Action.PUBLIC
    template_name = "accounts/accessibility.html"

    def get(self, request):
        current = preferences_of(request)
        form = AccessibilityForm(
            initial={
                "enabled": "1" if current.enabled else "0",
                "size": current.size,
                "scheme": current.scheme,
                "images": "1" if current.images else "0",
            }
        )
        return render(request, self.template_name, {"form": form, "next": self.next_url(request, "GET")})

    def post(self, request):
        form = AccessibilityForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "next": self.next_url(request, "POST")})
        preferences = form.preferences(preferences_of(request))
        if request.user.is_authenticated:
            user_accessibility_set(user=request.user, preferences=preferences)
        # Never redirect(): it takes text that is not a URL for a view name, and a 500.
        response = HttpResponseRedirect(self.next_url(request, "POST") or reverse("accessibility"))
        # The cookie too for an account: the login page after logging out keeps the version.
        response.set_cookie(
            COOKIE_NAME,
            preferences.to_cookie(),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
        return response

    @staticmethod
    def next_url(request, method: str) -> str:
        """The page to return to: only a path of this site."""
        target = (request.POST if method == "POST" else request.GET).get("next", "")
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return ""


# Django's authentication views, each declaring who may open it.


class LoginView(TenantPermissionMixin, auth_views.LoginView):
    permission_action = Action.PUBLIC
    authentication_form = LoginForm


class LogoutView(TenantPermissionMixin, auth_views.LogoutView):
    permission_action = Action.AUTHENTICATED


class PasswordChangeView(TenantPermissionMixin, auth_views.PasswordChangeView):
    permission_action = Action.AUTHENTICATED


class PasswordChangeDoneView(TenantPermissionMixin, auth_views.PasswordChangeDoneView):
    permission_action = Action.AUTHENTICATED


class PasswordResetView(TenantPermissionMixin, auth_views.PasswordResetView):
    permission_action = Action.PUBLIC
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(TenantPermissionMixin, auth_views.PasswordResetDoneView):
    permission_action = Action.PUBLIC


class PasswordResetConfirmView(TenantPermissionMixin, auth_views.PasswordResetConfirmView):
    permission_action = Action.PUBLIC


class PasswordResetCompleteView(TenantPermissionMixin, auth_views.PasswordResetCompleteView):
    permission_action = Action.PUBLIC
