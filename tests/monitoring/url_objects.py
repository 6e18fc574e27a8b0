"""Where the URLs of this area with parameters point, for tests/test_permission_matrix.py."""

from tests.monitoring.factories import campaign, questionnaire


def _question(world) -> dict:
    made = questionnaire(world.a.organization)
    return {"pk": made.pk, "question": made.questions.first().pk}


def _campaign(world) -> dict:
    return {"pk": campaign(world.a.organization).pk}


def _link(world) -> dict:
    invitation = campaign(world.a.organization).invitations.first()
    return {"key": invitation.key, "secret": invitation.secret}


def _questionnaire(world) -> dict:
    return {"pk": questionnaire(world.a.organization).pk}


OBJECT_URL_KWARGS = {
    "questionnaire_detail": _questionnaire,
    "questionnaire_update": _questionnaire,
    "questionnaire_copy": _questionnaire,
    "questionnaire_delete": _questionnaire,
    "question_create": _questionnaire,
    "question_update": _question,
    "question_delete": _question,
    "question_up": _question,
    "question_down": _question,
    "campaign_detail": _campaign,
    "campaign_email": _campaign,
    "campaign_remind": _campaign,
    "campaign_close": _campaign,
    "campaign_sheet": _campaign,
    "campaign_results": _campaign,
    "campaign_export": _campaign,
    # A public page: a valid personal link of organization A answers 200 to everyone.
    "answer": _link,
}
NO_OBJECT_URL_KWARGS = {}
