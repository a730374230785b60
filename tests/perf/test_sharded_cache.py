"""A large cached map is kept in shards: a build that changed a few entries rewrites only theirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cache


def saved_shards(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    save = cache.save
    monkeypatch.setattr(
        cache, "save", lambda root, name, value: names.append(name) or save(root, name, value)
    )
    return names


def test_only_the_shards_of_changed_entries_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = {f"articles/{n}.txt": ("result", n) for n in range(500)}
    first = cache.Sharded(tmp_path, "things", "v1")
    assert first.entries == {}
    first.save(entries)
    written = saved_shards(monkeypatch)

    again = cache.Sharded(tmp_path, "things", "v1")
    assert again.entries == entries
    changed = dict(again.entries)
    changed["articles/7.txt"] = ("result", "new")  # one changed
    del changed["articles/8.txt"]  # one gone
    changed["articles/new.txt"] = ("result", "added")  # one added
    again.save(changed)
    expected = {
        f"things.{cache._shard(name):02d}"
        for name in ("articles/7.txt", "articles/8.txt", "articles/new.txt")
    }
    assert set(written) == expected
    assert cache.Sharded(tmp_path, "things", "v1").entries == changed

    written.clear()
    again.save(changed)  # nothing changed since its last save
    assert written == []


def test_a_shard_made_under_another_key_or_lost_is_not_used(tmp_path: Path) -> None:
    entries = {f"briefs/{n}.md": n for n in range(200)}
    cache.Sharded(tmp_path, "things", "v1").save(entries)
    assert cache.Sharded(tmp_path, "things", "v2").entries == {}  # other settings or code
    assert cache.Sharded(tmp_path, "things", "v1", use=False).entries == {}
    lost = next(iter(entries))
    (cache.cache_dir(tmp_path) / f"things.{cache._shard(lost):02d}").unlink()
    partial = cache.Sharded(tmp_path, "things", "v1")
    assert lost not in partial.entries and len(partial.entries) < len(entries)
    partial.save(entries)  # the lost shard is written again, whole
    assert cache.Sharded(tmp_path, "things", "v1").entries == entries
