"""Names and states that the shared rendering gives controls (WCAG 1.3.1, 4.1.2): a required choice
with a default says it is required, progress bars are named with their value in words."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import html as lxml_html

from accounts.models import Role
from tests.mentoring.factories import ParticipantFactory
from tests.monitoring.factories import campaign

pytestmark = pytest.mark.django_db


def tree_of(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def test_the_consent_form_s_signer_is_marked_required_as_its_label_says(client, world):
    participant = ParticipantFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.CURATOR])
    tree = tree_of(client.get(reverse("consent_create", kwargs={"pk": participant.pk})))
    signer = tree.get_element_by_id("id_signed_by")
    # A <select> whose first option is a value may not carry «required» in HTML: ARIA says it.
    assert signer.get("aria-required") == "true" and signer.get("required") is None
    assert "*" in tree.xpath("//label[@for='id_signed_by']")[0].text_content()
    # A choice with an empty first option keeps the HTML attribute (and no doubled ARIA one).
    kind = tree.get_element_by_id("id_kind")
    assert kind.get("required") is not None and kind.get("aria-required") is None
    # An optional field is marked neither way.
    representative = tree.get_element_by_id("id_representative_name")
    assert representative.get("required") is None and representative.get("aria-required") is None


def test_a_campaign_s_progress_bar_is_named_with_its_value(client, world):
    made = campaign(world.a.organization, count=3)
    client.force_login(world.a.users[Role.CURATOR])
    tree = tree_of(client.get(reverse("campaign_detail", kwargs={"pk": made.pk})))
    bars = tree.xpath("//*[@role='progressbar']")
    assert [(bar.get("aria-label"), bar.get("aria-valuetext")) for bar in bars] == [
        ("Ответили: 0 из 3", "Ответили: 0 из 3")
    ]


def test_every_progress_bar_of_the_templates_has_a_name():
    unnamed = [
        str(path.relative_to(settings.BASE_DIR))
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for line in path.read_text().splitlines()
        if 'role="progressbar"' in line and "aria-label" not in line
    ]
    assert not unnamed, f"progress bars without aria-label: {unnamed}"
