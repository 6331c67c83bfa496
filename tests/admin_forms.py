"""The data a browser would post back from an admin change page, read from its HTML: every field
with the value the page shows (inputs, checked boxes, selected options, text areas), the inline
formsets' management forms included. Tests post it as it is, or with a few values changed, as a
curator who opened the page and pressed Save would."""

from html.parser import HTMLParser

SKIPPED_INPUTS = {"submit", "button", "file", "image", "reset"}


class _ChangeForm(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self.data: list[tuple[str, str]] = []
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form, self.data = True, []
            self.forms.append(self.data)
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input" and (kind := (attrs.get("type") or "text").lower()) not in SKIPPED_INPUTS:
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value") or "on"))
            else:
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.append((self.select, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # The browser drops the one line break that follows the opening tag.
            self.data.append((self.textarea, "".join(self.text).removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def change_form_data(html: str, **changes) -> dict[str, list[str]]:
    """The page's form as a dict of lists (for Client.post), `changes` replacing whole fields."""
    parser = _ChangeForm()
    parser.feed(html)
    data: dict[str, list[str]] = {}
    # The page's other forms (language, log out) hold a field or two: the record's has the most.
    for name, value in max(parser.forms, key=len):
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    for name, value in changes.items():
        data[name] = [value]
    data["_save"] = ["Save"]
    return data
