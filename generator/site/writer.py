"""Write the whole site into a staging folder beside the output, then swap it in.

The swap exchanges the staging folder and the output in one ``renameat2(RENAME_EXCHANGE)`` call
where Linux offers it (two renames elsewhere), so a render that fails or is killed before the swap
leaves the previous site untouched, and pages of deleted briefs cannot survive (nothing is carried
over from the old tree but what this build wrote).

No byte is written twice: a file whose bytes equal the live site's is hard-linked from it
(``os.link``: no data written, same inode, so its modification time stays and rsync sees no
change). The caller may say a file is unchanged without rendering it (``keep``) when the build
cache knows its digest.

Issue 6: building a staging folder from nothing costs a folder and a link per page (~1 s for
10,000 briefs) even when one brief changed. So, when the build cache knows what the live site holds,
the old tree is not deleted after the swap but kept as ``.site.previous`` (hard links: next to no
space), with a map of its files. The next build renames it to its staging name and *patches* it
into the new site: only files that differ from it are replaced (unlinked first: the inode may be
shared with the live site) and files the new site lacks are deleted. A build killed mid-patch
leaves a staging folder, which the next build deletes and replaces by a fresh one, so the live site
is never touched before the swap. Without that knowledge the old tree is deleted; a large one by a
detached process so the build returns at once (a leftover is removed by the next build).

A build that had no previous site to patch (the first, or one after the cache was deleted) leaves
none either, so the build after it would rebuild the whole tree (~2.5 s of folders for 10,000
briefs). So, for a large site, a detached ``cp -al`` makes the previous site from the new one
after the build returns: the next build waits for it if it is still running, and uses it only if
it finished (it is renamed into place last).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from generator.errors import BriefingError, UsageError

# Below this many files the old tree is deleted in-process: quick, and nothing outlives the build.
BACKGROUND_DELETE_FILES = 2000
# From this many files a site with no previous one gets one made in the background (see above).
CLONE_FILES = 2000
CLONE_WAIT = 30.0  # seconds the next build waits for an unfinished clone before building without it
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class WriteError(BriefingError):
    """The site could not be written or swapped in."""


class RepositoryInOutput(UsageError):
    """The output folder holds a git repository, which the swap would take away: exit status 2."""


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the call is not available."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


@dataclass(frozen=True)
class Clone:
    """A copy of the live site being made by a detached process."""

    pid: int
    folder: str  # its name beside the site once finished


@dataclass(frozen=True)
class Previous:
    """The site before the live one, kept beside it to be patched into the next: what it holds."""

    # (st_dev, st_ino, st_ctime_ns) of its folder, so a replaced folder is not trusted (the ctime
    # too: a new folder may get a freed inode number). None while ``clone`` is being made.
    identity: tuple[int, int, int] | None
    files: dict[str, str]  # relative path -> digest
    clone: Clone | None = None


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_ctime_ns)


class StagedSite:
    def __init__(
        self, output: Path, live: dict[str, str] | None = None, previous: Previous | None = None
    ) -> None:
        """``live``: relative path -> digest of the files in the live site, when the cache knows them;
        ``previous``: what ``.site.previous`` holds, when the cache knows it."""
        self.output = output
        self.parent = output.parent
        self.parent.mkdir(parents=True, exist_ok=True)
        if output.exists() and not output.is_dir():
            raise WriteError(
                f"{output}: exists and is not a folder; remove it or choose another paths.output"
            )
        if (output / ".git").exists():  # a worktree of a gh-pages branch, as some tools advise
            raise RepositoryInOutput(
                f"{output / '.git'}: a git repository in the output folder, which every build "
                "replaces whole: its history would go with the old site. Move it out of the "
                "folder (the README's *Deploying to GitHub Pages* needs none)"
            )
        token = secrets.token_hex(4)
        self.staging = self.parent / f".{output.name}.new-{token}"
        self.backup = self.parent / f".{output.name}.old-{token}"
        # What the build discards before the swap (a search bundle re-indexed, Pagefind's scratch
        # copies) is moved here, one rename each, and deleted after the swap in the background.
        self.trash = self.parent / f".{output.name}.trash-{token}"
        self._trashed = 0
        # Leftover sites (see _remove_leftovers) are moved here and deleted while the build goes on.
        self.sweep = self.parent / f".{output.name}.sweep-{token}"
        self._sweeper: subprocess.Popen[bytes] | None = None
        self.previous_path = self.parent / f".{output.name}.previous"
        self.live = live if output.is_dir() else None
        self.base: dict[str, str] = {}  # what the staging folder already holds (a patched previous site)
        source = self._trusted_previous(previous) if self.live is not None else None
        self._remove_leftovers(keep=source)
        if source is not None and previous is not None:
            os.rename(source, self.staging)
            self.base = previous.files
        else:
            # os.mkdir (unlike mkdtemp's 0700) honours the umask, so the served site stays readable.
            self.staging.mkdir()
        self.files: dict[str, str] = {}  # relative path -> digest of what this build staged
        # Staged files that are the live site's own (the same inode, so the same size and mtime):
        # linked from it, or kept in the patched previous site, which shares its unchanged files.
        self.reused: set[str] = set()
        self.changed = 0
        self._folders: set[str] = {""}  # made, or found there, by this build
        self.kept: Previous | None = None  # after commit: what .site.previous now holds, if known

    def _trusted_previous(self, previous: Previous | None) -> Path | None:
        """The folder holding ``previous``, if it is there and is what the cache says it is."""
        if previous is None:
            return None
        if previous.clone is None:
            return self.previous_path if _identity(self.previous_path) == previous.identity else None
        folder = self.parent / previous.clone.folder
        deadline = time.monotonic() + CLONE_WAIT
        while not folder.exists() and _running(previous.clone.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        return folder if folder.is_dir() else None

    def _remove_leftovers(self, keep: Path | None) -> None:
        """Delete what earlier builds left beside the site and this one will not use (``keep``):
        folders of a build that was killed mid-way, a clone or a previous site the cache does not
        vouch for (deleted with the cache, say). The build lock means no other build uses them.

        Each may be a whole site, ~2.5 s to delete at 10,000 briefs, which a render that had to start
        afresh waited for. So they are moved aside (a rename each) and an ``rm`` deletes them beside
        the build; ``commit`` and ``discard`` wait for it, so a build still leaves nothing behind."""
        name = self.output.name
        prefixes = (".new-", ".old-", ".trash-", ".clone-", ".sweep-")
        stale = [found for prefix in prefixes for found in sorted(self.parent.glob(f".{name}{prefix}*"))]
        if self.previous_path.exists():
            stale.append(self.previous_path)
        stale = [folder for folder in stale if folder != keep]
        if not stale:
            return
        self.sweep.mkdir()
        for number, folder in enumerate(stale):
            try:
                os.rename(folder, self.sweep / str(number))
            except OSError:
                shutil.rmtree(folder, ignore_errors=True)
        self._sweeper = _detached(["rm", "-rf", "--", str(self.sweep)])
        if self._sweeper is None:
            shutil.rmtree(self.sweep, ignore_errors=True)

    def _swept(self) -> None:
        """Wait for the leftovers' deletion (``_remove_leftovers``) to end."""
        if self._sweeper is not None:
            self._sweeper.wait()
            self._sweeper = None
        shutil.rmtree(self.sweep, ignore_errors=True)  # rm could not delete all of it: try once more

    def _folder_for(self, relative: str, restaged: bool = False) -> None:
        folder = _folder(relative)
        try:
            if folder not in self._folders:
                (self.staging / folder).mkdir(parents=True, exist_ok=True)
                self._folders.add(folder)
            if restaged or relative in self.base:
                # Replaced, never rewritten in place: the previous site shares its inodes with the live one.
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.staging / relative)
        except OSError as exc:
            raise self._cannot_write(relative, exc) from None

    def _cannot_write(self, relative: str, exc: OSError) -> WriteError:
        # Named as the site's file: the staging folder is the build's business.
        return WriteError(
            f"{self.output / relative}: could not be written: {exc.strerror or exc} "
            f"(the site in {self.output} is as it was)"
        )

    def _link_live(self, relative: str) -> bool:
        try:
            os.link(self.output / relative, self.staging / relative)
        except OSError:
            return False
        return True

    def write(self, relative: str, data: bytes) -> None:
        hashed = digest(data)
        staged = self.files.get(relative)  # by this build already: kept, it is a live file's inode
        if staged == hashed:
            return
        self.files[relative] = hashed
        if staged is None and self.base.get(relative) == hashed:
            if self.live is not None and self.live.get(relative) == hashed:
                self.reused.add(relative)
            else:
                self.changed += 1
            return
        if staged is not None:
            self.reused.discard(relative)
        self._folder_for(relative, restaged=staged is not None)
        if self.live is not None:
            same = self.live.get(relative) == hashed
        else:
            previous = self.output / relative
            try:
                same = previous.stat().st_size == len(data) and previous.read_bytes() == data
            except OSError:
                same = False
        if same and self._link_live(relative):
            self.reused.add(relative)
            return
        try:
            _write(self.staging / relative, data)
        except OSError as exc:
            raise self._cannot_write(relative, exc) from None
        self.changed += 1

    def keep(self, relative: str, hashed: str) -> bool:
        """Carry over an unchanged file from the live site; False if it is not there to link, or its
        digest is ``""``: not known (``incremental.forget_files``)."""
        if not hashed or self.live is None or self.live.get(relative) != hashed:
            return False
        if self.base.get(relative) != hashed:
            self._folder_for(relative)
            if not self._link_live(relative):
                return False
        self.files[relative] = hashed
        self.reused.add(relative)
        return True

    def clear(self, folder: str) -> Path:
        """Empty ``folder`` of the staging folder for another tool to write into (the search index)."""
        self.throw_away(self.staging / folder)
        if any(relative.startswith(folder) for relative in self.base):
            self.base = {r: h for r, h in self.base.items() if not r.startswith(folder)}
        return self.staging / folder

    def throw_away(self, path: Path) -> None:
        """Take ``path`` (in the staging folder or beside it) out of the way now; it is deleted after
        the swap, without the build waiting for it."""
        if not os.path.lexists(path):
            return
        if self._trashed == 0:
            self.trash.mkdir(exist_ok=True)
        self._trashed += 1  # before the rename: the folder is deleted after the swap either way
        os.rename(path, self.trash / str(self._trashed))

    def adopt(self, folder: str) -> dict[str, str]:
        """Record files another tool wrote into the staging folder's ``folder`` (the search index);
        returns their digests, by path in the folder."""
        root = self.staging / folder
        files = sorted(p for p in root.rglob("*") if p.is_file())
        digests = {path.relative_to(root).as_posix(): digest(path.read_bytes()) for path in files}
        self.adopt_known(folder, digests)
        return digests

    def adopt_known(self, folder: str, digests: dict[str, str]) -> int:
        """Record files put into the staging folder's ``folder`` whose digests are known (by path in
        the folder: a search bundle kept in the cache, hard links to the files the site had when it
        was kept, modification times and all). Returns how many are new or changed."""
        live = self.live or {}
        self.files.update((folder + name, hashed) for name, hashed in digests.items())
        return sum(live.get(folder + name) != hashed for name, hashed in digests.items())

    def foreign(self) -> list[str]:
        """The names at the top of the live site that this build did not stage and the last one
        did not write (dot-files aside): someone else's (a CNAME), which the swap takes away."""
        ours = _tops(self.files) | _tops(self.live or {})
        try:
            names = os.listdir(self.output)
        except OSError:
            return []
        return sorted(name for name in names if name not in ours and not name.startswith("."))

    def _drop_stale(self) -> None:
        """Delete what the patched previous site holds and this build did not stage: what the
        cache knows it holds, and whatever else is at its top (someone else's files, see
        ``foreign``: kept, they would come back with every other build)."""
        if self.base:
            staged = _tops(self.files)
            for name in os.listdir(self.staging):
                if name not in staged:
                    path = self.staging / name
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    else:
                        path.unlink()
        gone = [relative for relative in self.base if relative not in self.files]
        for relative in gone:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.staging / relative)
        # The folders that held them, deepest first: rmdir removes those left empty, no other.
        for folder in sorted(folders_of(gone), key=lambda f: f.count("/"), reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(self.staging / folder)

    def commit(self) -> None:
        self._drop_stale()
        try:
            self._commit()
        finally:
            if self._trashed:
                self._delete_old(self.trash)
            self._swept()

    def _commit(self) -> None:
        try:
            if self.output.exists():
                if _exchange(self.staging, self.output):
                    if self.live is not None:  # now the old site: kept, to be patched by the next build
                        os.rename(self.staging, self.previous_path)
                        identity = _identity(self.previous_path)
                        self.kept = Previous(identity, self.live) if identity else None
                        return
                    os.rename(self.staging, self.backup)
                else:
                    os.rename(self.output, self.backup)
                    try:
                        os.rename(self.staging, self.output)
                    except OSError:
                        os.rename(self.backup, self.output)
                        raise
                self._delete_old(self.backup)
            else:
                os.rename(self.staging, self.output)
        except OSError as exc:
            self.discard()
            raise WriteError(f"{self.output}: could not swap the new site in: {exc}") from exc
        self.kept = self._start_clone()

    def _start_clone(self) -> Previous | None:
        """No previous site is kept: for a large site, have one made from the new one (see above)."""
        if len(self.files) < CLONE_FILES:
            return None
        folder = self.parent / f".{self.output.name}.clone-{secrets.token_hex(4)}"
        # Where links cannot be made (FAT, exFAT...) cp fails: what it made goes now, not at a sweep.
        script = 'cp -al -- "$1" "$2.partial" && mv -- "$2.partial" "$2" || rm -rf -- "$2.partial"'
        job = _detached(["sh", "-c", script, "sh", str(self.output), str(folder)])
        return Previous(None, dict(self.files), Clone(job.pid, folder.name)) if job else None

    def _delete_old(self, folder: Path) -> None:
        # The old site, or the trash (a cold render's is Pagefind's copies of every brief page), is
        # about the size of the new site when the cache does not know the old one's.
        if len(self.live if self.live is not None else self.files) < BACKGROUND_DELETE_FILES:
            shutil.rmtree(folder, ignore_errors=True)
            return
        # A detached `rm` deletes the old tree while the build returns; the next build sweeps leftovers.
        if _detached(["rm", "-rf", "--", str(folder)]) is None:
            shutil.rmtree(folder, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(self.trash, ignore_errors=True)
        self._trashed = 0
        self._swept()

    def __enter__(self) -> StagedSite:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if kind is not None:
            self.discard()


def _detached(command: list[str]) -> subprocess.Popen[bytes] | None:
    """Start ``command`` in its own session, to outlive the build; None if it cannot be started."""
    try:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def _running(pid: int) -> bool:
    try:  # a build earlier in this same process started it: reap it once it has finished
        finished, _ = os.waitpid(pid, os.WNOHANG)
        return finished == 0
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _folder(relative: str) -> str:
    return relative.rpartition("/")[0]


def folders_of(names: Iterable[str]) -> set[str]:
    """Every folder that holds one of ``names`` (paths relative to the site), up to its top."""
    held: set[str] = set()
    for name in names:
        folder = _folder(name)
        while folder and folder not in held:
            held.add(folder)
            folder = _folder(folder)
    return held


def _tops(files: dict[str, str]) -> set[str]:
    """The names at the top of a site holding ``files`` (relative paths)."""
    return {relative.partition("/")[0] for relative in files}


def _write(path: Path, data: bytes) -> None:
    # os.open/os.write: three system calls where Path.write_bytes makes six; 10,000 pages notice.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
