"""The staging folder never writes through a file it shares with the live site."""

from __future__ import annotations

from pathlib import Path

from generator.site.writer import StagedSite, digest


def test_a_file_kept_from_the_live_site_and_then_written_is_replaced_not_written_through(
    tmp_path: Path,
) -> None:
    """A feed's files are kept (hard links to the live site's) until one of them cannot be, and
    then all are written: the live site must not change before the swap, nor its mtimes."""
    output = tmp_path / "site"
    output.mkdir()
    live_file = output / "feed.xml"
    live_file.write_bytes(b"live")
    before = live_file.stat().st_mtime_ns
    with StagedSite(output, {"feed.xml": digest(b"live")}) as staged:
        assert staged.keep("feed.xml", digest(b"live"))
        staged.write("feed.xml", b"live")  # the same bytes again: nothing to write
        assert live_file.stat().st_mtime_ns == before
        staged.write("feed.xml", b"new")
        assert live_file.read_bytes() == b"live"
        assert "feed.xml" not in staged.reused
        staged.commit()
    assert (output / "feed.xml").read_bytes() == b"new"


def test_a_file_whose_live_digest_is_not_known_is_not_kept(tmp_path: Path) -> None:
    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_bytes(b"edited by hand")
    with StagedSite(output, {"index.html": ""}) as staged:
        assert not staged.keep("index.html", "")
        staged.discard()
