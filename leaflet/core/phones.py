"""Phone numbers, found, checked and grouped with Google's libphonenumber (``phonenumbers``).

Numbers are assumed to be UK numbers unless they start with ``+``. Short
service numbers (999, 111, 112, 116 123) count as phone numbers too.
"""

from __future__ import annotations

import re

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
