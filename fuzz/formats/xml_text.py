"""XML (and HTML) broken one way: an element or attribute changed, an entity bomb, an external
entity, deep nesting, a false encoding declaration, or the bytes themselves."""

from __future__ import annotations

import copy
import re

import lxml.html
from hypothesis import strategies as st
from lxml import etree

from fuzz.formats.common import broken_bytes, weird_text
from fuzz.formats.dates import date_strings

PLACEHOLDER = "RAWXMLSNIPPETHERE"
_XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'

#: Raw markup put inside an element.
SNIPPETS = {
    "deep nesting 300": "<x>" * 300 + "t" + "</x>" * 300,
    "deep nesting 3000": "<x>" * 3000 + "t" + "</x>" * 3000,
    "deep nesting 100000": "<x>" * 100_000 + "t" + "</x>" * 100_000,
    "unclosed nesting": "<x>" * 1000,
    "undefined entity": "&nope;",
    "NUL character reference": "&#0;",
    "surrogate character reference": "&#xD800;",
    "character reference beyond Unicode": "&#1114112;",
    "huge character reference": "&#99999999999999999999;",
    "emoji character reference": "&#x1F600;",
    "CDATA": "<![CDATA[ <not> &markup; ]]>",
    "unclosed CDATA": "<![CDATA[ x",
    "bad comment": "<!-- a -- b -->",
    "processing instruction": "<?pi x?>",
    "second XML declaration": "<?xml version='1.0'?>",
    "XInclude of a local file": f'<xi:include {_XI} href="secret.txt" parse="text"/>',
    "XInclude of /etc/passwd": f'<xi:include {_XI} href="file:///etc/passwd" parse="text"/>',
    "XInclude of itself": f'<xi:include {_XI} href=""/>',
    "many attributes": "<x " + " ".join(f'a{i}="v"' for i in range(5000)) + "/>",
    "duplicate attribute": '<x a="1" a="2"/>',
    "huge attribute": '<x a="' + "v" * 2_000_000 + '"/>',
    "huge text": "text " * 400_000,
    "many elements": "<x>t</x>" * 100_000,
    "unbound prefix": "<nope:x/>",
    "other namespace": '<x xmlns="http://example.org/other"><p>t</p></x>',
    "mismatched tag": "<a></b>",
    "stray end tag": "</p>",
    "entity reference without a DTD": "&xxe;",
}


#: DOCTYPEs that must not be obeyed, and the reference that would pull each in.
def _laughs() -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)]
    return "\n".join(lines)


PROLOGS = {
    "entity bomb (billion laughs)": (f"[\n{_laughs()}\n]", "&lol9;"),
    "quadratic blowup": (f'[<!ENTITY a "{"x" * 100_000}">]', "&a;" * 20_000),
    "external entity (XXE) to a local file": ('[<!ENTITY xxe SYSTEM "secret.txt">]', "&xxe;"),
    "external entity (XXE) to /etc/passwd": ('[<!ENTITY pw SYSTEM "file:///etc/passwd">]', "&pw;"),
    "external parameter entity": ('[<!ENTITY % p SYSTEM "secret.txt"> %p;]', "&nope;"),
    "external DTD": ('SYSTEM "secret.txt"', "&nope;"),
    "network DTD": ('PUBLIC "-//X//DTD X//EN" "http://127.0.0.1:9/x.dtd"', "t"),
    "empty internal subset": ("[]", "t"),
    "unclosed DOCTYPE": ("[<!ENTITY a 'x'>", "&a;"),
}

DECLARATIONS = (
    "ISO-8859-1",
    "UTF-16",
    "cp037",
    "bogus-encoding",
    "UTF-8 ",
    "",
    "ascii",
    "utf-7",
    "x-user-defined",
    "Shift_JIS",
    "UTF-32",
)
TREE_BREAKS = (
    "element removed",
    "element emptied",
    "attribute set",
    "attribute removed",
    "text set",
    "element duplicated",
    "element renamed",
    "raw snippet",
)


def serialize(root: etree._Element, html: bool = False) -> bytes:
    if html:
        return lxml.html.tostring(root.getroottree(), encoding="utf-8", doctype="<!DOCTYPE html>")
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


def parse(data: bytes, html: bool = False) -> etree._Element:
    if html:
        return lxml.html.document_fromstring(data)
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


@st.composite
def broken_tree(draw, root: etree._Element, attributes: tuple[str, ...], names: tuple[str, ...]) -> str:
    """Change `root` in place in one way; what changed (a text of PLACEHOLDER wants a snippet)."""
    elements = _elements(root)
    element = draw(st.sampled_from(elements))
    parent = element.getparent()
    label = etree.QName(element).localname
    kind = draw(st.sampled_from(TREE_BREAKS))
    if kind == "element removed" and parent is not None:
        parent.remove(element)
        return f"<{label}> removed"
    if kind == "element duplicated" and parent is not None:
        parent.insert(parent.index(element), copy.deepcopy(element))
        return f"<{label}> duplicated"
    if kind == "element emptied":
        element.clear()
        return f"<{label}> emptied"
    if kind == "element renamed":
        new = draw(st.sampled_from(names))
        element.tag = new
        return f"<{label}> renamed <{etree.QName(new).localname}>"
    if kind in ("attribute set", "attribute removed"):
        name = draw(st.sampled_from(sorted(set(element.attrib) | set(attributes))))
        if kind == "attribute removed":
            element.attrib.pop(name, None)
            return f"<{label}> @{_short(name)} removed"
        value = draw(
            st.one_of(date_strings(), weird_text(), st.sampled_from(["d1", "document", "#p_AD1", ""]))
        )
        try:
            element.set(name, value)
        except ValueError:  # lxml refuses control characters: the bytes breakers cover those
            return "unchanged (an attribute value XML cannot hold)"
        return f"<{label}> @{_short(name)}={value[:40]!r}"
    if kind == "text set":
        value = draw(st.one_of(date_strings(), weird_text()))
        try:
            element.text = value
        except ValueError:
            return "unchanged (a text XML cannot hold)"
        return f"<{label}> text {value[:40]!r}"
    element.text = PLACEHOLDER
    return f"raw snippet in <{label}>"


def _short(name: str) -> str:
    return etree.QName(name).localname if name.startswith("{") else name


@st.composite
def broken_document(
    draw,
    data: bytes,
    *,
    attributes: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    html: bool = False,
    huge: int = 1_000_000,
) -> tuple[bytes, list[str]]:
    """The bytes of an XML/HTML document with one thing broken, and what."""
    kind = draw(st.sampled_from(["tree", "tree", "tree", "prolog", "declaration", "bytes"]))
    if kind == "bytes":
        broken, what = draw(broken_bytes(data, huge=huge))
        return broken, [what]
    root = parse(data, html)
    if kind == "tree":
        what = draw(broken_tree(root, attributes, names or (root.tag,)))
        out = serialize(root, html)
        if PLACEHOLDER.encode() in out:
            name = draw(st.sampled_from(sorted(SNIPPETS)))
            out = out.replace(PLACEHOLDER.encode(), SNIPPETS[name].encode(), 1)
            what += f" ({name})"
        return out, [what]
    if kind == "prolog":
        name = draw(st.sampled_from(sorted(PROLOGS)))
        subset, reference = PROLOGS[name]
        element = draw(st.sampled_from(_elements(root)))
        element.text = PLACEHOLDER
        out = serialize(root, html).replace(PLACEHOLDER.encode(), reference.encode(), 1)
        out = _with_doctype(out, root, subset)
        return out, [f"{name}, referenced in <{etree.QName(element).localname}>"]
    declared = draw(st.sampled_from(DECLARATIONS))
    body = re.sub(rb"^\s*<\?xml[^>]*\?>\s*", b"", serialize(root, html))
    out = f'<?xml version="1.0" encoding="{declared}"?>\n'.encode() + body
    if draw(st.booleans()) and declared.strip():
        try:
            out = out.decode("utf-8").encode(declared.strip(), "replace")
            return out, [f"declared and encoded as {declared!r}"]
        except LookupError:
            pass
    return out, [f"declared {declared!r}, bytes UTF-8"]


def _with_doctype(out: bytes, root: etree._Element, subset: str) -> bytes:
    name = root.tag if not root.tag.startswith("{") else etree.QName(root).localname
    doctype = f"<!DOCTYPE {name} {subset}>\n".encode()
    declaration = re.match(rb"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", out)
    head = declaration.group(1) or b""
    return head + doctype + out[declaration.end() :]
