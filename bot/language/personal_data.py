"""Personal data kept to the minimum: what people type is scrubbed before it is stored.

Phone numbers, e-mail addresses, citizen service numbers (BSN), bank account numbers (IBAN),
postcodes with house numbers and dates of birth are replaced by a placeholder. The bot never
needs them: it points people to services, it does not handle their case.
"""

from __future__ import annotations

import re

PATTERNS = (
    (re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b"), "[e-mail]"),
    (re.compile(r"\bNL\d{2}\s?[A-Z]{4}(\s?\d){10}\b", re.IGNORECASE), "[rekeningnummer]"),
    (re.compile(r"(?<![\d-])(\+31|0031|0)[\s-]?(\d[\s-]?){8}\d(?![\d-])"), "[telefoonnummer]"),
    (re.compile(r"\b\d{9}\b"), "[bsn]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b(\s+\d+\w?)?"), "[postcode]"),
    (re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}\b"), "[datum]"),
)


def scrub(text: str) -> str:
    for pattern, placeholder in PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
