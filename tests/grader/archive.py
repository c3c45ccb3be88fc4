"""A submission that comes as an archive (`./course submit`'s zip, or a .tar.gz): unpacked into the grader's
scratch folder, ordinary files only. An archive with a link, a special file, an absolute path or `..` in a
name is refused whole, with the name that broke the rule; so is one that unpacks to more than a limit."""
import pathlib
import stat
import tarfile
import zipfile

SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
MOST_BYTES = 64 * 1024 * 1024  # far above any course's exercises/, far below a zip bomb
MOST_FILES = 2000


class ArchiveError(Exception):
    pass


def is_archive(path: pathlib.Path) -> bool:
    return path.is_file() and path.name.endswith(SUFFIXES)


def student_name(path: pathlib.Path) -> str:
    """The archive's name without its suffix: alice.zip is alice's."""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if path.name.endswith(suffix):
            return path.name[:-len(suffix)]
    return path.name


def _safe_name(name: str) -> pathlib.PurePosixPath:
    """A member's name as a relative path that stays inside the folder it is unpacked into."""
    path = pathlib.PurePosixPath(name)
    if name.startswith("/") or path.is_absolute():
        raise ArchiveError(f"{name!r} is an absolute path")
    if ".." in path.parts:
        raise ArchiveError(f"{name!r} has '..' in its path")
    if not path.parts or name.startswith("\\") or ":" in path.parts[0]:
        raise ArchiveError(f"{name!r} is not a relative path")
    return path


def _members(path: pathlib.Path):
    """(name, is_dir, size, read) for every member; refuses links and special files."""
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        for info in archive.infolist():
            kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool recorded no Unix mode
            if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                mode = info.external_attr >> 16
                kind = "a symbolic link" if stat.S_ISLNK(mode) else "a special file"
                raise ArchiveError(f"{info.filename!r} is {kind}")
            yield info.filename, info.is_dir(), info.file_size, (lambda i=info: archive.read(i))
        return
    try:
        archive = tarfile.open(path)
    except tarfile.TarError as e:
        raise ArchiveError(f"not a zip or tar archive ({e})") from None
    for info in archive.getmembers():
        if info.issym() or info.islnk():
            raise ArchiveError(f"{info.name!r} is a {'symbolic' if info.issym() else 'hard'} link")
        if not (info.isfile() or info.isdir()):
            raise ArchiveError(f"{info.name!r} is a special file")
        yield info.name, info.isdir(), info.size, (lambda i=info: archive.extractfile(i).read())


def unpack(path: pathlib.Path, into: pathlib.Path) -> pathlib.Path:
    """Unpack the archive at path into the (new) folder into; returns into. Raises ArchiveError."""
    members = list(_members(path))  # every rule is checked before a byte is written
    if len(members) > MOST_FILES:
        raise ArchiveError(f"{len(members)} files: more than {MOST_FILES}")
    if sum(size for _, _, size, _ in members) > MOST_BYTES:
        raise ArchiveError(f"it unpacks to more than {MOST_BYTES // 2**20} MB")
    names = [(_safe_name(name), is_dir, read) for name, is_dir, _, read in members]
    into.mkdir(parents=True)
    for name, is_dir, read in names:
        target = into.joinpath(*name.parts)
        if is_dir:
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        data = read()
        if len(data) > MOST_BYTES:
            raise ArchiveError(f"{name} unpacks to more than {MOST_BYTES // 2**20} MB")
        target.write_bytes(data)
    return into
