"""The Django admin: every model registered and searchable, open only to staff."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.models import Role

PROJECT_APPS = {"accounts", "mentoring", "roadmap", "monitoring", "indicators", "reports"}
PROJECT_MODELS = [
    model
    for model in apps.get_models()
    # django-simple-history's shadow tables are browsed from their model's history page.
    if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_every_project_model_is_registered_and_searchable(model):
    assert admin.site.is_registered(model), f"register {model._meta.label} in its admin.py"
    assert admin.site.get_model_admin(model).search_fields, f"give {model._meta.label} search_fields"


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m._meta.label)
def test_superuser_searches_every_changelist(model, admin_client, world):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url, {"q": "Школа"}).status_code == 200


def test_admin_is_closed_to_product_roles(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_is_russian(admin_client):
    assert "Наставничество: администрирование" in admin_client.get(reverse("admin:index")).content.decode()
