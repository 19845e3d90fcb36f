"""What option cells may carry after an option (validators.options): details as the form invites
them, in brackets (full- or half-width) or after a colon.

- free_text options (其他) carry any text: 其他：因病, 其他(因病), 其他因病 → 其他：因病;
- list_details options (多重残疾) list other options of the field: 多重残疾（肢体残疾、智力残疾）,
  多重残疾(视力、听力), 多重：听力、言语 → 多重残疾、肢体残疾、智力残疾.
A canonical writing names the options with a text last: the text after its colon runs to the
end of the cell, so the canonical text reads back the same.
"""
from __future__ import annotations

import re

from validators.errors import InvalidComponent
from validators.form import Field
from validators.text import collapse_spaces, no_spaces, to_half_width

SEPARATORS = re.compile(r"[、,;/\s]+")
_AROUND_SEPARATOR = re.compile(r"\s*([、,;/])\s*")


def listing_pattern(field: Field) -> re.Pattern | None:
    """Any writing of a list_details option (its name or a synonym) followed by its list."""
    if not field.list_details:
        return None
    heads = [w for w, o in (*((o, o) for o in field.options), *field.synonyms.items())
             if o in field.list_details]
    alternation = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(f"({alternation})\\s*(?:[:：](.*)$|[(（]([^)）]*)[)）]?)", re.S | re.I)


def option_key(text: str) -> str:
    return no_spaces(text).upper().replace("，", ",").replace("；", ";")


def multi_key(text: str) -> str:
    """Like option_key but spaces stay (they separate options); none around a separator."""
    text = collapse_spaces(to_half_width(text)).upper().replace("，", ",").replace("；", ";")
    return _AROUND_SEPARATOR.sub(r"\1", text)


def expand_lists(m, text: str) -> str:
    """多重残疾（肢体、智力） → 多重残疾、肢体残疾、智力残疾 (InvalidComponent for a listed value
    that is not one of the option's `of`)."""
    if m.listing is None:
        return text
    found = m.listing.search(text)
    if not found:
        return text
    option = m.lookup[option_key(found[1])]
    spec = m.field.list_details[option]
    listed = []
    for part in SEPARATORS.split(multi_key(found[2] if found[2] is not None else found[3])):
        if not part:
            continue
        canonical = m.lookup.get(part)
        if canonical not in spec.of:
            raise InvalidComponent(part="option", code="option.detail_unknown", option=option,
                                   bad=part, allowed="、".join(spec.of))
        listed.append(canonical)
    return text[:found.start()] + "、".join(("", option, *listed, "")) + text[found.end():]


def glued_free_text(m, part: str, details: dict[str, str]) -> str | None:
    """其他因病 (no ':' or brackets): the free-text option with its text glued on."""
    for option in m.field.free_text:
        if part.startswith(option_key(option)) and option not in details:
            details[option] = part[len(option_key(option)):]
            return option
    return None


def take_free_text(m, text: str) -> tuple[str, dict[str, str]]:
    """Cut 其他：因病、因残 / 其他（因病）out of the cell before splitting on separators."""
    details: dict[str, str] = {}
    for option in m.field.free_text:
        found = re.search(re.escape(option) + r"\s*(?:[:：](.*)$|[(（]([^)）]*)[)）]?)", text, re.S)
        if found:
            details[option] = (found[1] if found[1] is not None else found[2]).strip()
            text = text[:found.start()] + "、" + option + text[found.end():]
    return text, details


def render(chosen: list[str], details: dict[str, str]) -> str:
    """Options joined by 、; one carrying a text comes last (the text after its colon runs to
    the end of the cell, so anything after it would be read as part of it)."""
    plain = [o for o in chosen if not details.get(o)]
    told = [f"{o}：{details[o]}" for o in chosen if details.get(o)]
    return "、".join(plain + told)
