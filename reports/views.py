"""Pages of the order register: the list, a new draft, the draft's editor, registering, cancelling,
deleting a draft and the downloads (PDF, DOCX)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View
from django_filters.views import FilterView

from accounts.mixins import TenantPermissionMixin, call_service
from accounts.permissions import Action
from mentoring.registry.selectors import partners_of
from reports import rendering, services
from reports.exporters import PDF_CONTENT_TYPE, safe_filename
from reports.filters import ORDERINGS, SERIES_CHOICES, OrderFilter
from reports.forms import ItemFormSet, OrderCancelForm, OrderCreateForm, OrderForm
from reports.models import Order, OrderKind
from reports.responses import file_response
from reports.selectors import (
    expected_number,
    kinds_in_register,
    order_detail,
    order_list,
    register_kinds,
    register_owner,
    register_years,
)

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_name(order: Order) -> str:
    """«Приказ 17-ОД от 01.09.2026», «Проект приказа от 01.09.2026»: also the name of its files."""
    letter = order.is_letter
    date = f"{order.date:%d.%m.%Y}"
    if order.is_draft:
        label = _("Draft letter") if letter else _("Draft order")
        return f"{label} {_('of')} {date}"
    label = _("Letter") if letter else _("Order")
    return f"{label} {order.number} {_('of')} {date}"


def download_name(order: Order, extension: str) -> str:
    return f"{safe_filename(document_name(order).replace('/', '_'))}.{extension}"


class OrderMixin:
    """Pages about one order of the current register; another register's order answers 404."""

    context_object_name = "order"

    def get_queryset(self):
        return order_detail(self.request.tenant)

    @cached_property
    def order(self) -> Order:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_object(self, queryset=None):
        return self.order

    def get_context_data(self, **kwargs):
        return super().get_context_data(order=self.order, **kwargs)


class DraftOnlyMixin(OrderMixin):
    """Pages that change a draft; a registered order stays as it is and the user is told so."""

    refused_message = ""

    def dispatch(self, request, *args, **kwargs):
        # Runs after TenantPermissionMixin (earlier in the MRO) has checked the action.
        if not self.order.is_draft:
            messages.warning(request, self.refused_message or _("A registered order cannot be changed."))
            return redirect("order_detail", pk=self.order.pk)
        return super().dispatch(request, *args, **kwargs)


class OrderListView(TenantPermissionMixin, FilterView):
    permission_action = Action.ORDER_VIEW
    filterset_class = OrderFilter
    template_name = "reports/register/order_list.html"
    context_object_name = "orders"
    paginate_by = 50

    def get_queryset(self):
        return order_list(self.request.tenant).order_by(*ORDERINGS["-date"])

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        tenant = self.request.tenant
        kinds = kinds_in_register(tenant)
        series = (kwargs["data"] or {}).get("series")
        if series in OrderKind.Document.values:
            # A tab offers the kinds of its own documents only.
            kinds = kinds.filter(document=series)
        kwargs.update(
            kinds=kinds,
            years=register_years(tenant, timezone.localdate().year),
            data=(kwargs["data"] or QueryDict()).copy(),
        )
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_draft=self.request.tenant.can(Action.ORDER_DRAFT), series_choices=SERIES_CHOICES, **kwargs
        )


class OrderCreateView(TenantPermissionMixin, FormView):
    permission_action = Action.ORDER_DRAFT
    form_class = OrderCreateForm
    template_name = "reports/register/order_create.html"

    def get_form_kwargs(self):
        tenant = self.request.tenant
        kinds = register_kinds(tenant)
        has_letters = kinds.filter(document=OrderKind.Document.LETTER).exists()
        partners = partners_of(tenant).order_by("name") if has_letters and not tenant.is_municipal else None
        return {**super().get_form_kwargs(), "kinds": kinds, "partners": partners}

    def form_valid(self, form):
        data = form.cleaned_data
        extra = {"partner": data.get("partner"), "event_date": data.get("event_date")}
        order = call_service(
            form,
            services.order_draft,
            kind=data["kind"],
            by=self.request.user,
            on_date=data["date"],
            extra={name: value for name, value in extra.items() if value} or None,
            **register_owner(self.request.tenant),
        )
        if order is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The draft is made from the data: check and correct it before registering."))
        return redirect("order_update", pk=order.pk)


class OrderDetailView(TenantPermissionMixin, OrderMixin, DetailView):
    permission_action = Action.ORDER_VIEW
    template_name = "reports/register/order_detail.html"

    def get_context_data(self, **kwargs):
        tenant = self.request.tenant
        return super().get_context_data(
            document_name=document_name(self.order),
            can_draft=tenant.can(Action.ORDER_DRAFT),
            can_register=tenant.can(Action.ORDER_REGISTER),
            **kwargs,
        )


class OrderPdfStatusView(TenantPermissionMixin, OrderMixin, DetailView):
    """The block of the order page that says where its PDF stands, for htmx to poll until it is made."""

    permission_action = Action.ORDER_VIEW
    template_name = "reports/register/_pdf_status.html"


class OrderUpdateView(TenantPermissionMixin, DraftOnlyMixin, View):
    permission_action = Action.ORDER_DRAFT
    template_name = "reports/register/order_form.html"

    def forms(self, data=None):
        order = self.order
        form = OrderForm(data, instance=order, number_pattern=services.number_pattern(order))
        items = None if order.is_letter else ItemFormSet(data, initial=order.items, prefix="items")
        return form, items

    def render(self, form, items):
        return render(
            self.request,
            self.template_name,
            {"order": self.order, "form": form, "items": items, "document_name": document_name(self.order)},
        )

    def get(self, request, pk):
        return self.render(*self.forms())

    def post(self, request, pk):
        form, items = self.forms(request.POST)
        valid = form.is_valid()
        valid = (items is None or items.is_valid()) and valid
        if valid:
            saved = call_service(
                form,
                services.order_update,
                order=self.order,
                by=request.user,
                **form.service_fields(items.items() if items is not None else None),
            )
            if saved is not None:
                messages.success(request, _("The draft is saved."))
                return redirect("order_detail", pk=saved.pk)
        return self.render(form, items)


class OrderRegisterView(TenantPermissionMixin, DraftOnlyMixin, View):
    permission_action = Action.ORDER_REGISTER
    template_name = "reports/register/order_register.html"

    @property
    def refused_message(self):
        return _("The order is already registered.")

    def render(self, errors=()):
        return render(
            self.request,
            self.template_name,
            {
                "order": self.order,
                "document_name": document_name(self.order),
                "expected_number": expected_number(self.order),
                "manual_number": bool(self.order.number),
                "errors": errors,
            },
        )

    def get(self, request, pk):
        return self.render()

    def post(self, request, pk):
        try:
            order = services.order_register(order=self.order, by=request.user)
        except ValidationError as error:
            return self.render(errors=error.messages)
        template = _("Letter registered: № %(number)s of %(date)s") if order.is_letter else None
        template = template or _("Order registered: № %(number)s of %(date)s")
        messages.success(request, template % {"number": order.number, "date": f"{order.date:%d.%m.%Y}"})
        return redirect("order_detail", pk=order.pk)


class OrderCancelView(TenantPermissionMixin, OrderMixin, FormView):
    permission_action = Action.ORDER_REGISTER
    form_class = OrderCancelForm
    template_name = "reports/register/order_cancel.html"

    def get(self, request, *args, **kwargs):
        if self.order.status != Order.Status.REGISTERED:
            messages.warning(request, _("Only a registered order can be cancelled."))
            return redirect("order_detail", pk=self.order.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(document_name=document_name(self.order), **kwargs)

    def form_valid(self, form):
        order = call_service(
            form,
            services.order_cancel,
            order=self.order,
            by=self.request.user,
            reason=form.cleaned_data["cancel_reason"],
        )
        if order is None:
            return self.form_invalid(form)
        messages.success(self.request, _("The order is cancelled; its number stays taken."))
        return redirect("order_detail", pk=order.pk)


class OrderDeleteView(TenantPermissionMixin, DraftOnlyMixin, View):
    permission_action = Action.ORDER_DRAFT
    template_name = "reports/register/order_delete.html"

    @property
    def refused_message(self):
        return _("A registered order is not deleted: cancel it instead.")

    def get(self, request, pk):
        return render(request, self.template_name, {"order": self.order, "document_name": document_name(self.order)})

    def post(self, request, pk):
        services.order_delete_draft(order=self.order)
        messages.success(request, _("The draft is deleted."))
        return redirect("order_list")


class OrderPdfView(TenantPermissionMixin, OrderMixin, View):
    """A registered order is handed out as it was stored when registered; a draft is rendered from its
    current text, and a cancelled one from its frozen text with the «ОТМЕНЁН» mark."""

    permission_action = Action.ORDER_VIEW

    def get(self, request, pk):
        order = self.order
        if order.status == Order.Status.REGISTERED and order.pdf:
            with order.pdf.open("rb") as stored:
                content = stored.read()
        else:
            content = rendering.order_pdf(order)
        return file_response((download_name(order, "pdf"), PDF_CONTENT_TYPE, content))


class OrderDocxView(TenantPermissionMixin, OrderMixin, View):
    permission_action = Action.ORDER_VIEW

    def get(self, request, pk):
        order = self.order
        return file_response((download_name(order, "docx"), DOCX_CONTENT_TYPE, rendering.order_docx(order)))
