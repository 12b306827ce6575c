"""Reading an HTML form as a browser would: its controls, and what it submits as it stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

UNSENT_INPUTS = frozenset({"submit", "button", "reset", "image", "file"})


@dataclass
class Control:
    """One named input, select or textarea of the form."""

    name: str
    tag: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: str | None = None


class _FormReader(HTMLParser):
    def __init__(self, form_class: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_class = form_class
        self.inside = False
        self.controls: list[Control] = []
        self._select: Control | None = None
        self._textarea: Control | None = None
        self._option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = self.form_class in attributes.get("class", "").split()
            return
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type", "text") not in UNSENT_INPUTS:
            kind = attributes.get("type", "text")
            self.controls.append(Control(name, tag, kind, attributes.get("value", ""), "checked" in attributes))
        elif tag == "select" and name:
            self._select = Control(name, tag, "select")
            self.controls.append(self._select)
        elif tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            self._select.options.append(value)
            if "selected" in attributes:
                self._select.selected = value
        elif tag == "textarea" and name:
            self._textarea = Control(name, tag, "textarea")
            self.controls.append(self._textarea)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data


def form_controls(html: str, form_class: str) -> list[Control]:
    """The named controls of the form whose class list holds ``form_class``, in document order."""
    reader = _FormReader(form_class)
    reader.feed(html)
    return reader.controls


def submitted(controls: list[Control]) -> list[tuple[str, str]]:
    """What a browser sends for these controls as they stand (unchecked boxes send nothing)."""
    pairs = []
    for control in controls:
        if control.type in ("checkbox", "radio"):
            if control.checked:
                pairs.append((control.name, control.value or "on"))
        elif control.tag == "select":
            chosen = control.selected if control.selected is not None else (control.options or [""])[0]
            pairs.append((control.name, chosen))
        else:
            value = control.value.removeprefix("\n") if control.tag == "textarea" else control.value
            pairs.append((control.name, value))
    return pairs
