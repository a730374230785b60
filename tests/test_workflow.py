"""The GitHub Pages workflow parses and does what the README promises."""

from __future__ import annotations

from pathlib import Path

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
