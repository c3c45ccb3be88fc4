"""A submission's files, read without following links.

The grader reads a submission outside any sandbox, so what it reads must be the student's own files: a file
that is a symbolic link (to the course's solutions/, say), a hard link (st_nlink > 1: one more name of a file
that lives elsewhere), a FIFO (a read would wait forever), a device or a socket is refused, and so is a
chapter folder, an exercises/ folder or a submission folder that is a symbolic link. Each folder from the
submission's down is opened with O_NOFOLLOW and each file through it (openat), and what was opened is
checked with fstat, so a link swapped in between looking and reading is refused too.

    files = chapter_files(submission, "01-sigmoid")    # {"sigmoid.cpp": b"...", ...}; {} if no such folder
    ... except Refused as e: str(e) names the file: "01-sigmoid/sigmoid.cpp is a symbolic link (to ...)"
"""
import errno
import os
import pathlib
import re
import stat

SUFFIXES = (".cpp", ".hpp", ".h")  # the student's files of a chapter
CHAPTER = re.compile(r"^\d\d-")
FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


class Refused(Exception):
    """A file the grader will not read; the message names it (relative to the submission) and says why."""


def _what(mode: int) -> str:
    for test, words in ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a FIFO (a named pipe)"),
                        (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                        (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return words
    return "neither a file nor a folder"


def _refuse(shown: str, name: str, dir_fd, st) -> Refused:
    what = _what(st.st_mode)
    if stat.S_ISLNK(st.st_mode):
        try:
            what += f" (to {os.readlink(name, dir_fd=dir_fd)})"
        except OSError:
            pass
    return Refused(f"{shown} is {what}: the grader reads only plain files; submit the file itself")


def _hard_link(shown: str, st) -> Refused:
    return Refused(f"{shown} is a hard link (one of {st.st_nlink} names of the same file): the grader reads only "
                   f"the submission's own files; submit a copy")


def _open_dir(name, dir_fd, shown: str) -> int:
    """A folder's descriptor, refusing a symbolic link or anything else that is not a folder."""
    try:
        return os.open(name, FLAGS | os.O_DIRECTORY, dir_fd=dir_fd)
    except OSError as e:
        if e.errno not in (errno.ELOOP, errno.ENOTDIR):
            raise Refused(f"{shown}: {e.strerror}")
        raise _refuse(shown, name, dir_fd, os.stat(name, dir_fd=dir_fd, follow_symlinks=False))


def _read_file(name: str, dir_fd: int, shown: str) -> bytes:
    try:
        fd = os.open(name, FLAGS, dir_fd=dir_fd)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise _refuse(shown, name, dir_fd, os.stat(name, dir_fd=dir_fd, follow_symlinks=False))
        raise Refused(f"{shown}: {e.strerror}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _refuse(shown, name, dir_fd, st)
        if st.st_nlink > 1:
            raise _hard_link(shown, st)
        os.set_blocking(fd, True)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _entries(fd: int) -> dict:
    """name -> lstat of each entry of an open folder."""
    return {e.name: e.stat(follow_symlinks=False) for e in os.scandir(fd)}


def chapter_files(submission: pathlib.Path, chapter: str) -> dict:
    """The student's files of one chapter ({name: content}, .cpp/.hpp/.h), read without following any link;
    {} when the submission has no folder for the chapter. Raises Refused when the submission folder, its
    exercises/ folder, the chapter's folder or any entry of the chapter's folder is a link or a special file
    (whatever its name: the chapter's folder holds the student's work and nothing else)."""
    submission = pathlib.Path(submission)
    top = _open_dir(str(submission), None, f"the submission folder {submission}")
    fds = [top]
    try:
        entries = _entries(top)
        prefix = ""
        # A copy of the whole course: its chapters are in exercises/.
        if "exercises" in entries and not any(CHAPTER.match(n) for n in entries):
            fds.append(_open_dir("exercises", top, "exercises"))
            entries, prefix = _entries(fds[-1]), "exercises/"
        if chapter not in entries:
            return {}
        folder = _open_dir(chapter, fds[-1], prefix + chapter)
        fds.append(folder)
        files = {}
        for name, st in sorted(_entries(folder).items()):
            shown = f"{prefix}{chapter}/{name}"
            if stat.S_ISDIR(st.st_mode):
                continue  # not read
            if not stat.S_ISREG(st.st_mode):
                raise _refuse(shown, name, folder, st)
            if st.st_nlink > 1:
                raise _hard_link(shown, st)
            if name.endswith(SUFFIXES):
                files[name] = _read_file(name, folder, shown)
        return files
    finally:
        for fd in reversed(fds):
            os.close(fd)


def top_file(submission: pathlib.Path, name: str):
    """The text of a plain file at the top of the submission (e.g. `.course-release`), or None if there is no
    such plain file (a link is not followed, and counts as none)."""
    try:
        top = _open_dir(str(submission), None, str(submission))
    except Refused:
        return None
    try:
        return _read_file(name, top, name).decode(errors="replace")
    except (Refused, OSError):
        return None
    finally:
        os.close(top)
