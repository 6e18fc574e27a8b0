"""Files of campaigns: all answers as XLSX (optionally anonymized) and the printed sheet of links."""

import segno
from django.utils import timezone
from django.utils.translation import gettext as _

from mentoring.models import Participant
from monitoring.models import Answer, Campaign, Question
from monitoring.services import link_path
from reports.exporters import Column, DocumentExporter, ExportContext, TabularExporter, register


def _answer_cell(question: Question, answer: Answer | None, names: dict[int, str]):
    if answer is None:
        return None
    if question.kind == Question.Kind.SCALE:
        return answer.value
    if question.kind == Question.Kind.YES_NO:
        return _("yes") if answer.value else _("no")
    if question.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        return "; ".join(answer.choices)
    if question.kind == Question.Kind.PEOPLE:
        return "; ".join(names.get(pk, "—") for pk in answer.people)
    return answer.text


@register("monitoring.campaign_answers")
class CampaignAnswersExporter(TabularExporter):
    """One row per response, one column per question. Anonymized: a respondent number instead of
    the name and class, no submission time, and no preference columns (they name people)."""

    sheet_title = "Ответы"

    def questions(self, context: ExportContext) -> list[Question]:
        questions = list(context["campaign"].questions())
        if context.get("anonymized"):
            questions = [question for question in questions if question.kind != Question.Kind.PEOPLE]
        return questions

    def render(self, context: ExportContext):
        # The columns are the campaign's questions, so they are known only with the context.
        people = [] if context.get("anonymized") else [Column(_("Full name"), 32), Column(_("Class"), 8)]
        submitted = [] if context.get("anonymized") else [Column(_("Submitted"), 14)]
        self.columns = [
            Column(_("Respondent"), 12),
            *people,
            *submitted,
            *(Column(question.text_at(context["campaign"].stage), 24) for question in self.questions(context)),
        ]
        return super().render(context)

    def filename(self, context: ExportContext) -> str:
        suffix = _(" (anonymized)") if context.get("anonymized") else ""
        return _("Answers — %(title)s%(suffix)s") % {"title": context["campaign"].title, "suffix": suffix}

    def title_rows(self, context: ExportContext):
        campaign: Campaign = context["campaign"]
        return [[campaign.title], [campaign.questionnaire.title]]

    def rows(self, context: ExportContext):
        campaign: Campaign = context["campaign"]
        anonymized = bool(context.get("anonymized"))
        questions = self.questions(context)
        responses = list(campaign.responses.select_related("invitation__participant").order_by("submitted_at", "pk"))
        answers: dict[tuple[int, int], Answer] = {
            (answer.response_id, answer.question_id): answer
            for answer in Answer.objects.filter(response__campaign=campaign)
        }
        names = {}
        if not anonymized:
            ids = {pk for answer in answers.values() for pk in answer.people}
            names = {
                person.pk: person.full_name
                for person in Participant.objects.filter(organization=campaign.organization_id, pk__in=ids)
            }
        for number, response in enumerate(responses, start=1):
            person = response.invitation.participant
            row = [number]
            if not anonymized:
                row += [person.full_name, person.class_name, timezone.localtime(response.submitted_at).date()]
            row += [_answer_cell(question, answers.get((response.pk, question.pk)), names) for question in questions]
            yield row


# The link is printed on one line across the card (170 mm of the page less the card's border and
# padding: 162 mm ≈ 459 pt, a little kept spare), in a monospaced font whose characters are 0.6 em
# wide. The longest link of the sheet sets its size: a link never breaks, so a long address of the
# server prints smaller rather than across two lines.
LINK_LINE_PT = 450
MONO_ADVANCE_EM = 0.6
LINK_FONT_MAX_PT = 10.0


def link_font_size(links: list[str]) -> float:
    """The font size, in points rounded down to a half, at which the longest link fits its line."""
    longest = max((len(link) for link in links), default=1)
    return min(LINK_FONT_MAX_PT, int(LINK_LINE_PT / (MONO_ADVANCE_EM * longest) * 2) / 2)


@register("monitoring.link_sheet")
class LinkSheetExporter(DocumentExporter):
    """Cards to cut: each person's name, the personal link and its QR code (SVG by segno)."""

    template_name = "monitoring/pdf/link_sheet.html"

    def filename(self, context: ExportContext) -> str:
        campaign = context["campaign"]
        if context.get("class_name"):
            return _("Links — %(title)s — %(class)s") % {"title": campaign.title, "class": context["class_name"]}
        return _("Links — %(title)s") % {"title": campaign.title}

    def get_template_context(self, context: ExportContext) -> dict:
        base = context["base_url"].rstrip("/")
        cards = []
        for invitation in context["invitations"]:
            link = base + link_path(invitation)
            qr = segno.make(link, error="m")
            cards.append({"invitation": invitation, "link": link, "qr": qr.svg_data_uri(scale=3, border=2)})
        return {**context, "cards": cards, "link_font_size": link_font_size([card["link"] for card in cards])}
