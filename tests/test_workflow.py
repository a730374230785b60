"""The GitHub Pages workflow parses and does what the README promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"


def load() -> dict:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_triggers_push_schedule_and_by_hand() -> None:
    triggers = load()["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]  # daily
    assert "workflow_dispatch" in triggers


def test_builds_with_make_and_the_pages_base_url() -> None:
    build = load()["jobs"]["build"]
    assert uses(build)[:3] == ["actions/checkout", "actions/setup-python", "actions/configure-pages"]
    pages_id = next(
        s["id"] for s in build["steps"] if s.get("uses", "").startswith("actions/configure-pages")
    )
    run = next(s["run"] for s in build["steps"] if "make build" in s.get("run", ""))
    assert f"--base-url ${{{{ steps.{pages_id}.outputs.base_url }}}}" in run
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip"  # downloads kept between runs, keyed by the dependencies
    assert (WORKFLOW.parents[2] / python["with"]["cache-dependency-path"]).is_file()
    steps = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in build["steps"]]
    kept = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache"))
    # The build cache of the run before is restored before the build, and this run's saved after it.
    assert kept["with"]["path"] == ".briefing" and steps.index("actions/cache") < steps.index(run)
    assert "${{ github.run_id }}" in kept["with"]["key"]
    assert kept["with"]["key"].startswith(kept["with"]["restore-keys"])
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_deploys_after_the_build_with_the_permissions_it_needs() -> None:
    data = load()
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def _schema_check(workflow: Path) -> subprocess.CompletedProcess[str]:
    # check-jsonschema ships SchemaStore's schema of GitHub workflows: no network needed.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    return subprocess.run([*command, str(workflow)], capture_output=True, text=True, timeout=120)


def test_the_workflow_is_valid_for_github() -> None:
    """Every key and value where GitHub expects it: a typo here would only show on GitHub."""
    result = _schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("right", "wrong"), [("runs-on:", "run-on:"), ("workflow_dispatch:", "workflow_dispach:")]
)
def test_the_schema_check_catches_a_mistyped_key(tmp_path: Path, right: str, wrong: str) -> None:
    broken = tmp_path / "pages.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert right in text
    broken.write_text(text.replace(right, wrong), encoding="utf-8")
    result = _schema_check(broken)
    assert result.returncode == 1 and "validation errors" in result.stdout, result.stdout + result.stderr
