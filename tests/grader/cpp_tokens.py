"""C++ source as a list of tokens, each with its line: comments and whitespace dropped, so that two files that
differ only in formatting or comments give the same tokens.

    tokens("int  x = 1; // one")  ->  [Token("int", 1), Token("x", 1), Token("=", 1), Token("1", 1), Token(";", 1)]

Small on purpose: identifiers, numbers, string and character literals (raw strings too), `#` and header names
(`<xtensor/xmath.hpp>` after `#include`), and punctuators. `>` is always a token of its own (`>>` and `> >`
close two templates alike); anything else it does not know is a token of one character.
"""
import dataclasses
import re

PUNCTUATORS = sorted(["::", "->*", "->", ".*", "...", "++", "--", "<<=", "<=>", "<<", "<=", ">=", "==", "!=", "&&",
                      "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##"], key=len, reverse=True)
TOKEN = re.compile(r"""
    (?P<space>[ \t\r\f\v]+|\\\n)
  | (?P<newline>\n)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<raw>(?:u8|[uUL])?R"(?P<delim>[^()\\\s]{0,16})\(.*?\)(?P=delim)")
  | (?P<string>(?:u8|[uUL])?"(?:[^"\\\n]|\\.)*")
  | (?P<char>(?:u8|[uUL])?'(?:[^'\\\n]|\\.)*')
  | (?P<number>\.?[0-9](?:[eEpP][+-]|'[0-9A-Za-z_]|[0-9A-Za-z_.])*)
  | (?P<identifier>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<punctuator>""" + "|".join(re.escape(p) for p in PUNCTUATORS) + r"""|.)
""", re.X | re.S)
HEADER = re.compile(r"[ \t]*(<[^>\n]*>)")


@dataclasses.dataclass(frozen=True)
class Token:
    text: str
    line: int  # 1-based, where the token starts


def tokens(source: str) -> list:
    out, line, pos = [], 1, 0
    while pos < len(source):
        m = TOKEN.match(source, pos)
        kind, text = m.lastgroup, m[0]
        if kind not in ("space", "newline", "line_comment", "block_comment"):
            out.append(Token(text, line))
            # `#include <a/b.hpp>`: the header's name is one token (not `<`, `a`, `/`, ...).
            if text == "include" and len(out) >= 2 and out[-2].text == "#":
                header = HEADER.match(source, m.end())
                if header:
                    out.append(Token(header[1], line))
                    pos = header.end()
                    continue
        line += text.count("\n")
        pos = m.end()
    return out
