"""The benchmark's generator and runner on the tiny scale, so that `make bench` cannot rot."""

import json

import pytest
from django.core.management import call_command

from accounts.models import Organization, Region
from mentoring.models import Meeting, MenteeEntry, MentoringUnit, Participant
from monitoring.models import Response
from ops.benchmarks.data import SCALES, organization_sizes
from roadmap.models import Roadmap

pytestmark = pytest.mark.django_db

TINY = SCALES["tiny"]


def test_organization_sizes_keep_the_total_and_make_the_first_one_big():
    sizes = organization_sizes(20_000, 40)
    assert sum(sizes) == 20_000 and len(sizes) == 40
    assert sizes[0] == 3000 and max(sizes[1:]) - min(sizes[1:]) <= 1
    assert organization_sizes(120, 1) == [120]


def test_generator_loads_the_tiny_dataset_once(capsys):
    call_command("bench_data", scale="tiny")
    region = Region.objects.get(name=TINY.region_name)
    organizations = Organization.objects.filter(municipality__region=region)
    assert organizations.count() == TINY.organizations
    in_region = {"organization__municipality__region": region}
    assert Participant.objects.filter(**in_region).count() == TINY.participants
    units = MentoringUnit.objects.filter(program__organization__municipality__region=region)
    assert units.count() == TINY.units
    # Pairs in several statuses, so that every page has something to show.
    assert {"active", "submitted", "draft", "completed"} <= set(units.values_list("status", flat=True))
    assert Meeting.objects.filter(unit__in=units).count() == TINY.meetings
    assert Response.objects.filter(campaign__organization__in=organizations).count() == TINY.responses
    assert Roadmap.objects.filter(organization__in=organizations, is_template=False).count() == TINY.organizations
    # The students' registry rows carry the birth date the indicators' age bands read.
    mentees = MenteeEntry.objects.filter(organization__in=organizations)
    assert mentees.exists() and not mentees.filter(birth_date__isnull=True).exists()

    call_command("bench_data", scale="tiny")
    assert "already loaded" in capsys.readouterr().out
    assert Participant.objects.filter(**in_region).count() == TINY.participants


def test_runner_measures_every_line_and_writes_the_json(tmp_path, capsys):
    call_command("bench_data", scale="tiny")
    call_command(
        "bench_run", scale=["tiny"], runs=1, warmup=0, mentees=20, mentors=10, output=str(tmp_path), verbosity=0
    )
    out = capsys.readouterr().out
    assert "participant list, filtered, page 50" in out and "pairs order PDF" in out
    (path,) = tmp_path.glob("bench-*.json")
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["scales"] == ["tiny"]
    names = [line["name"] for line in report["lines"]]
    assert names[:6] == [
        "curator home",
        "participant list, filtered, page 1",
        "participant list, filtered, page 50",
        "pair detail",
        "roadmap page",
        "coordinator dashboard",
    ]
    pages = report["lines"][:6]
    for line in pages:
        assert set(line) >= {"median_ms", "p95_ms", "queries", "baseline", "ratio", "target", "passed"}
        assert line["queries"] > 0 and line["baseline"]["queries"] > 0
        assert line["baseline_url"].startswith("/admin/")
    afresh = report["lines"][6]
    assert afresh["name"] == "coordinator dashboard, counted afresh (cache emptied)"
    assert afresh["passed"] is None and afresh["ratio"] is not None
    # Counting afresh reads the registries: more queries than the view served from the cache.
    assert afresh["queries"] > pages[5]["queries"]
    assert any(name.startswith("quarterly XLSX, whole region") for name in names)
    pdf = next(line for line in report["lines"] if line["name"].startswith("pairs order PDF"))
    assert pdf["baseline"]["median_ms"] > 0 and pdf["ratio"] is not None
    assert names[-1].startswith("matching 20 × 10")
