"""The demo loader reads profiles, evidence and safeguards for the tools that exist, skips
what is missing, and seeds one example assessment."""

import io
import json

import pytest

from hub import demo as hub_demo
from responsible import demo
from responsible.models import Assessment, Evidence, ProfileEntry, ToolProfile
from tests.catalogue.factories import ToolFactory

pytestmark = pytest.mark.django_db


def test_loads_sample_file_idempotently(sample_file):
    tool = ToolFactory(slug="sample-hash-tool")
    ToolFactory(slug="sample-tool-without-keys")
    out = io.StringIO()
    for _ in range(2):
        demo.load_tools(path=sample_file, stdout=out)
    # Values the services refuse are skipped and reported, never loaded half-way.
    assert "Responsible-AI demo values skipped: 2" in out.getvalue()
    entries = dict(
        ProfileEntry.objects.filter(profile__tool=tool).values_list("sub_principle__slug", "status")
    )
    assert entries == {"legitimacy": "documented", "human-control": "partly"}
    assert sorted(Evidence.objects.values_list("level", "visibility")) == [
        ("independently-tested", "verified"),
        ("vendor-claimed", "public"),
    ]
    profile = ToolProfile.objects.get(tool=tool)
    assert profile.exposure_safeguards == ["blurring", "greyscale"]
    assert profile.human_review_documented is True
    # A tool listed without any responsible-AI key gets no profile.
    assert ToolProfile.objects.count() == 1


def test_missing_file_is_skipped(tmp_path):
    assert demo.load_tools(path=tmp_path / "absent.json") == 0
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert demo.load_tools(path=broken) == 0


def test_seed_makes_one_finished_example_assessment(sample_file):
    hub_demo.seed(stdout=io.StringIO())
    ToolFactory(slug="sample-hash-tool", is_demo=True)
    out = io.StringIO()
    demo.seed(stdout=out, path=sample_file)
    demo.seed(stdout=out, path=sample_file)
    example = Assessment.objects.get()
    assert example.is_demo and example.status == "completed"
    assert example.author.email == demo.DEMO_INVESTIGATOR
    assert example.signatures.count() == 1
    assert not example.risks.filter(likelihood__isnull=True).exists()
    assert "Responsible-AI profiles loaded for 1 demo tools." in out.getvalue()


def test_seed_demo_command_runs_the_responsible_loader():
    from hub.management.commands.seed_demo import DEMO_APPS

    # After the catalogue (its tools) and legislation (the example's jurisdiction).
    assert DEMO_APPS.index("responsible") > DEMO_APPS.index("catalogue")
    assert DEMO_APPS.index("responsible") > DEMO_APPS.index("legislation")


def test_the_shipped_demo_catalogue_gives_every_demo_tool_a_profile():
    from catalogue import demo as catalogue_demo

    out = io.StringIO()
    catalogue_demo.seed(stdout=out)
    assert demo.load_tools(path=demo.DEMO_FILE, stdout=out) == 90
    assert "skipped" not in out.getvalue()
    assert ToolProfile.objects.count() == 90
    # Every demo tool has its own profile text, and one to four claims in its ledger.
    texts = ProfileEntry.objects.filter(sub_principle__slug="accuracy").values_list(
        "text", flat=True
    )
    assert len(set(texts)) == 90
    assert Evidence.objects.count() >= 90


def test_loads_the_tools_of_the_demo_catalogue_file(sample_file, tmp_path):
    # fixtures/demo/catalogue.json holds {"providers": [...], "tools": [...]}.
    tool = ToolFactory(slug="sample-hash-tool")
    wrapped = tmp_path / "catalogue.json"
    wrapped.write_text(
        json.dumps({"providers": [], "tools": json.loads(sample_file.read_text())}),
        encoding="utf-8",
    )
    assert demo.load_tools(path=wrapped) == 1
    assert ToolProfile.objects.get(tool=tool).exposure_safeguards == ["blurring", "greyscale"]
