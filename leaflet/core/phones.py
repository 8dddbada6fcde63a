"""Phone numbers, found, checked and grouped with Google's libphonenumber (``phonenumbers``).

Numbers are assumed to be UK numbers unless they start with ``+``. Short
service numbers (999, 111, 112, 116 123) count as phone numbers too.
"""

from __future__ import annotations

import re

from leaflet.core.model import Inline, Inlines, Link, Text

REGION = "GB"
_DIALLED = re.compile(r"[\s().-]")


def _parse(number: str) -> object | None:
    import phonenumbers

    try:
        return phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return None


def same_number(shown: str, dialled: str) -> bool:
    """True when ``shown`` and ``dialled`` are one phone number, however each is written."""
    first, second = _parse(shown), _parse(dialled)
    if first is None or second is None:
        return False
    return bool(
        first.national_number == second.national_number  # type: ignore[attr-defined]
        and first.country_code == second.country_code  # type: ignore[attr-defined]
    )


def is_valid_tel(url: str) -> bool:
    """True when a ``tel:`` link's target is a number someone can dial."""
    number = _DIALLED.sub("", url.removeprefix("tel:").removeprefix("TEL:"))
    if not re.fullmatch(r"\+?\d{3,15}", number):
        return False
    if is_short_number(number):
        return True
    import phonenumbers

    parsed = _parse(number)
    return parsed is not None and phonenumbers.is_valid_number(parsed)  # type: ignore[arg-type]


def is_short_number(number: str) -> bool:
    """True for a service number dialled short in the UK: 999, 111, 112, 116 123, 119..."""
    digits = re.sub(r"\D", "", number)
    if not 3 <= len(digits) <= 6 or number.strip().startswith("+"):
        return False
    from phonenumbers import shortnumberinfo

    parsed = _parse(digits)
    return parsed is not None and shortnumberinfo.is_valid_short_number(parsed)  # type: ignore[arg-type]


def uk_groups(number: str) -> list[str] | None:
    """The digit groups a UK number is usually written in ('0300 123 1234'), or None if not a phone number."""
    import phonenumbers

    digits = re.sub(r"[^\d+]", "", number)
    if is_short_number(digits):
        return [re.sub(r"\D", "", digits)]
    parsed = _parse(digits)
    if parsed is None or not phonenumbers.is_valid_number(parsed):  # type: ignore[arg-type]
        return None
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 44  # type: ignore[attr-defined]
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, style).replace("-", " ").split()  # type: ignore[arg-type]


# Service numbers said as words around them ('call 999', 'NHS 111', 'ring 111 or 999'): a short number alone
# ('999 days', 'room 111') is not a phone number, so one needs a word that says it is dialled.
_SHORT = re.compile(r"(?<![\w£$€.,/:-])(999|111|112|119|116\s?123)(?![\w%°/-]|[.,]\d)")
_DIALLING = re.compile(
    r"\b(call|calling|phone|phoning|ring|ringing|dial|dialling|contact|text|nhs)\b[^.;:!?\d]{0,30}$|"
    r"\b\d{3},?\s+or\s+$",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[tuple[int, int, str]]:
    """The phone numbers written in ``text``: (start, end, its ``tel:`` address), in order, never overlapping.

    UK numbers in any usual form ('0113 496 0123', '(0113) 4960123', '+44 113 496 0123') are found by
    libphonenumber (valid numbers only); the service numbers 999, 111, 112, 119 and 116 123 where the words
    before them say they are dialled ('call 999', 'NHS 111', 'call 999 or 111').
    """
    if not any(character.isdigit() for character in text):
        return []
    import phonenumbers

    found: list[tuple[int, int, str]] = []
    for number in phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.VALID):
        digits = phonenumbers.national_significant_number(number.number)
        uk = number.number.country_code == 44 and not number.raw_string.startswith("+")
        dialled = (
            ("0" + digits) if uk else phonenumbers.format_number(number.number, phonenumbers.PhoneNumberFormat.E164)
        )
        found.append((number.start, number.end, f"tel:{dialled}"))
    for short in _SHORT.finditer(text):
        if any(start < short.end() and short.start() < end for start, end, _ in found):
            continue
        if _DIALLING.search(text[: short.start()]) and is_short_number(short.group(1)):
            found.append((short.start(), short.end(), "tel:" + re.sub(r"\D", "", short.group(1))))
    return sorted(found)


def phone_links(inlines: Inlines) -> Inlines:
    """``inlines`` with each phone number written in plain words ('call 0113 496 0123', 'call 999') made a
    ``tel:`` link whose words are the number as written, so every format that has links can dial it."""
    result: list[Inline] = []
    for inline in inlines:
        found = numbers_in(inline.text) if isinstance(inline, Text) else []
        if not found:
            result.append(inline)
            continue
        assert isinstance(inline, Text)
        at = 0
        for start, end, url in found:
            if start > at:
                result.append(Text(inline.text[at:start], inline.line))
            result.append(Link(inline.text[start:end], url, inline.line))
            at = end
        if at < len(inline.text):
            result.append(Text(inline.text[at:], inline.line))
    return tuple(result)
