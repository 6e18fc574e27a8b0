"""Personal links typed from paper: the alphabet of their key and secret, the links made before it,
and the printed sheet that keeps every link whole on one line."""

import math
import subprocess

from django.urls import resolve, reverse

from accounts.models import Role
from monitoring import services
from monitoring.exporters import LinkSheetExporter
from monitoring.models import Invitation
from tests.mentoring.factories import ParticipantFactory
from tests.monitoring.factories import campaign

# Characters a reader confuses on paper or cannot type without doubt.
CONFUSED = set("0Oo1lIi-_")
# A long but real address of a school's server, so the printed line is as long as it gets.
LONG_BASE = "https://nastavnichestvo.sosh-1234.obrazovanie.example.ru"


def test_the_alphabet_has_no_character_that_is_confused_when_typed():
    alphabet = services.LINK_ALPHABET
    assert len(set(alphabet)) == len(alphabet) == 31
    assert not CONFUSED & set(alphabet)
    assert alphabet == alphabet.lower() and alphabet.isalnum() and alphabet.isascii()
    # No weaker than the 24 random bytes (192 bits) of the former URL-safe base64 secret.
    assert services.SECRET_LENGTH * math.log2(len(alphabet)) >= 192
    assert Invitation._meta.get_field("secret").max_length >= services.SECRET_LENGTH
    assert Invitation._meta.get_field("key").max_length >= services.KEY_LENGTH


def test_a_token_draws_every_character_of_the_alphabet_and_nothing_else():
    drawn = "".join(services.link_token(100) for _ in range(20))
    assert set(drawn) == set(services.LINK_ALPHABET)
    assert len({services.link_token(services.SECRET_LENGTH) for _ in range(1000)}) == 1000


def test_new_links_are_made_of_the_alphabet_and_answer(client, world):
    made = campaign(world.a.organization, count=3)
    for invitation in made.invitations.all():
        assert len(invitation.key) == services.KEY_LENGTH
        assert len(invitation.secret) == services.SECRET_LENGTH
        assert set(invitation.key + invitation.secret) <= set(services.LINK_ALPHABET)
    invitation = made.invitations.first()
    path = services.link_path(invitation)
    assert path == f"/q/{invitation.key}/{invitation.secret}/"
    match = resolve(path)
    assert (match.url_name, match.kwargs) == ("answer", {"key": invitation.key, "secret": invitation.secret})
    response = client.get(path)
    assert response.status_code == 200
    assert "Полезность встреч" in response.content.decode()


def test_a_link_made_before_the_alphabet_still_answers(client, world):
    made = campaign(world.a.organization, count=1)
    # Of the former URL-safe base64, with its hyphen and underscore.
    Invitation.objects.filter(campaign=made).update(key="Ab-_9xQz0lI1", secret="Zz-_0OlI1" + "x" * 23)
    response = client.get(reverse("answer", kwargs={"key": "Ab-_9xQz0lI1", "secret": "Zz-_0OlI1" + "x" * 23}))
    assert response.status_code == 200
    assert "Полезность встреч" in response.content.decode()
    wrong = client.get(reverse("answer", kwargs={"key": "Ab-_9xQz0lI1", "secret": "zz-_0OlI1" + "x" * 23}))
    assert "Полезность встреч" not in wrong.content.decode()


def pdftotext_lines(content: bytes) -> list[str]:
    """The lines of the PDF as poppler's pdftotext reads them, as a pupil's eye does."""
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout
    return [line.strip() for line in text.decode().splitlines()]


def sheet_lines(organization, people: int, base_url: str) -> tuple[list[str], list[str]]:
    made = campaign(organization, people=[ParticipantFactory(organization=organization) for _ in range(people)])
    invitations = list(made.invitations.all())
    context = {"campaign": made, "class_name": "", "invitations": invitations, "base_url": base_url}
    _, content_type, content = LinkSheetExporter().render(context)
    assert content_type == "application/pdf"
    links = [base_url.rstrip("/") + services.link_path(invitation) for invitation in invitations]
    return links, pdftotext_lines(content)


def test_on_the_printed_sheet_each_link_is_whole_on_one_line(world):
    links, lines = sheet_lines(world.a.organization, 12, LONG_BASE)
    assert len(links) == 12
    for link in links:
        assert link in lines, f"{link} is not whole on a line of the sheet"


def test_a_former_link_with_hyphens_is_not_broken_either(world):
    secret = "ab-cd-ef-gh-Ij" * 2 + "x-y_z"
    made = campaign(world.a.organization, count=1)
    Invitation.objects.filter(campaign=made).update(key="Qw-er_Ty-ui_", secret=secret)
    invitation = made.invitations.get()
    context = {"campaign": made, "class_name": "", "invitations": [invitation], "base_url": LONG_BASE}
    _, _, content = LinkSheetExporter().render(context)
    assert f"{LONG_BASE}/q/Qw-er_Ty-ui_/{secret}/" in pdftotext_lines(content)


def test_the_sheet_downloaded_by_the_curator_has_each_link_on_one_line(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    made = campaign(world.a.organization, count=4)
    response = client.get(reverse("campaign_sheet", args=[made.pk]))
    assert response.status_code == 200
    lines = pdftotext_lines(response.content)
    for invitation in made.invitations.all():
        assert f"http://testserver/q/{invitation.key}/{invitation.secret}/" in lines
