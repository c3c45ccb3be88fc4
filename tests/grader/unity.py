"""A chapter's student files compiled as one translation unit (issue 18 §3): a file that #includes them all, one
compile instead of two or three (each compile of a student's file loads the precompiled header and instantiates
the same xtensor templates again: chapter 7's three files compile in half the time as one).

Only where it means the same as compiling them one by one: in one translation unit a file sees what the files
before it declared, so `order` accepts the files only when none can see anything it would not see alone:
  - no preprocessor directive but #include (a macro would reach the next file), no header of the student's own;
  - at namespace scope nothing but `namespace NAME {` and definitions of the chapter's student functions (no
    helper, variable, type, using, static or anonymous namespace: these would be seen by the next file, or clash
    with its own);
  - every <...> header is one the precompiled header already includes (each compile sees those anyway), but in
    the file that comes last;
  - a file sees, through the course headers the files before it include and the functions they define, no name
    that its own course headers do not declare: no identifier of those headers' and functions' that its own
    headers lack appears in it (nor may those headers declare operators or specializations, used without a name).
Anything else is compiled file by file, as is a chapter whose unity does not compile (then the compiler's messages
are the ones of each file on its own, naming the student's files and lines).
"""
import functools
import pathlib
import re

import cpp_tokens

# At namespace scope, words that make a definition something else than a student function's.
NOT_A_FUNCTION = {"static", "inline", "template", "class", "struct", "union", "enum", "typedef", "using", "extern",
                  "friend", "operator", "try", "=", "namespace", "constexpr", "thread_local", "asm", "__attribute__"}
QUOTED = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t char32_t class
compl const const_cast constexpr continue decltype default delete do double dynamic_cast else enum explicit export
extern false float for friend goto if inline int long mutable namespace new noexcept not not_eq nullptr operator or
or_eq private protected public register reinterpret_cast return short signed sizeof static static_assert static_cast
struct switch template this thread_local throw true try typedef typeid typename union unsigned using virtual void
volatile wchar_t while xor xor_eq""".split())


@functools.lru_cache(maxsize=None)
def _header(path: pathlib.Path) -> tuple:
    """A course header's identifiers, whether it declares operators or specializations, and the headers it
    includes ("..." only)."""
    text = path.read_text(errors="replace")
    words = [t.text for t in cpp_tokens.tokens(text)]
    special = "operator" in words or any(a == "template" and b == "<" and c == ">"
                                         for a, b, c in zip(words, words[1:], words[2:]))
    return frozenset(w for w in words if re.fullmatch(r"[A-Za-z_]\w*", w)), special, tuple(QUOTED.findall(text))


def _resolve(name: str, base, include_dirs) -> pathlib.Path:
    for folder in ([base] if base else []) + list(include_dirs):
        path = (pathlib.Path(folder) / name).resolve()
        if path.is_file():
            return path
    return None


def _closure(names, base, include_dirs) -> set:
    """The course headers a file includes, directly or through others; None if one cannot be found."""
    seen, todo = set(), [(n, base) for n in names]
    while todo:
        name, folder = todo.pop()
        path = _resolve(name, folder, include_dirs)
        if path is None:
            return None
        if path not in seen:
            seen.add(path)
            todo += [(n, path.parent) for n in _header(path)[2]]
    return seen


def _outline(text: str, functions: set):
    """(the file's <...> and "..." includes, the functions it defines, its identifiers), or None when the file has
    anything at namespace scope but student functions' definitions, or a directive but #include."""
    tokens = cpp_tokens.tokens(text)
    system, quoted, directive_lines = set(), [], set()
    for i, t in enumerate(tokens):
        if t.text == "#":
            if i + 2 >= len(tokens) or tokens[i + 1].text != "include" or tokens[i + 1].line != t.line:
                return None
            header = tokens[i + 2].text
            if header.startswith("<"):
                system.add(header)
            elif header.startswith('"'):
                quoted.append(header[1:-1])
            else:
                return None
            directive_lines.add(t.line)
    words = [t.text for t in tokens if t.line not in directive_lines]
    defined, statement, depth, i = [], [], 0, 0
    while i < len(words):
        w = words[i]
        if w == "}" and not statement:
            depth -= 1
            if depth < 0:
                return None
        elif w == ";":
            return None  # a declaration at namespace scope
        elif w == "{":
            if statement and statement[0] == "namespace":
                if len(statement) < 2 or not all(re.fullmatch(r"[A-Za-z_]\w*|::", s) for s in statement[1:]):
                    return None  # an anonymous or inline namespace
                depth += 1
            else:
                if NOT_A_FUNCTION & set(statement) or "(" not in statement:
                    return None
                name_at = statement.index("(") - 1
                if name_at < 0 or statement[name_at] not in functions or \
                        (name_at > 0 and statement[name_at - 1] == "::"):
                    return None
                defined.append(statement[name_at])
                level = 0  # the body, to its closing brace
                while i < len(words):
                    level += {"{": 1, "}": -1}.get(words[i], 0)
                    if level == 0:
                        break
                    i += 1
                if level:
                    return None
            statement = []
        else:
            statement.append(w)
        i += 1
    if depth or statement:
        return None
    identifiers = {w for w in words if re.fullmatch(r"[A-Za-z_]\w*", w)} - KEYWORDS
    return system, quoted, defined, identifiers


def order(files: dict, functions, include_dirs, pch_headers) -> list:
    """The chapter's .cpp files in an order in which one translation unit of them means the same as each compiled
    on its own, or None (see above). files: {name: content}; functions: the chapter's student functions' names;
    include_dirs: the compile's; pch_headers: the <...> headers the precompiled header includes."""
    sources = sorted(name for name in files if name.endswith(".cpp"))
    if len(sources) < 2 or len(sources) != len(files):
        return None
    info = {}
    for name in sources:
        outline = _outline(files[name].decode(errors="replace"), set(functions))
        if outline is None:
            return None
        system, quoted, defined, identifiers = outline
        headers = _closure(quoted, None, include_dirs)  # (the student's folder has no header: see above)
        if headers is None:
            return None
        info[name] = (headers, defined, identifiers, bool(system - pch_headers))
    everything = [f for name in sources for f in info[name][1]]
    if len(everything) != len(set(everything)):
        return None  # a function defined twice
    # The file with the fewest course headers first: what it brings, the next ones often see anyway; a file with a
    # <...> header that the precompiled header lacks last (no file after it would see that header), if only one.
    sources.sort(key=lambda name: (info[name][3], len(info[name][0]), name))
    if any(info[name][3] for name in sources[:-1]):
        return None
    for k, name in enumerate(sources):
        headers, _, identifiers, _ = info[name]
        earlier = set().union(*(info[n][0] for n in sources[:k])) - headers
        if any(_header(h)[1] for h in earlier):
            return None
        own = set().union(*(_header(h)[0] for h in headers))
        seen = set().union(*(_header(h)[0] for h in earlier), *(info[n][1] for n in sources[:k])) - own
        if identifiers & seen:
            return None
    return sources


def source(paths: list) -> str:
    """The translation unit: the files, included in order by their full paths."""
    return "".join(f'#include "{path}"\n' for path in paths)
