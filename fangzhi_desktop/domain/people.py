"""Staff (干部) as listed in the 花名册, and the rules of their ID numbers and dates.

The 18-character 公民身份号码 (GB 11643) is: a 6-digit region code, the birth date ``YYYYMMDD``,
a 3-digit sequence (odd for men, even for women) and a check character computed with ISO 7064
MOD 11-2 over the first 17 digits (``0``–``9`` or ``X``).

Dates of the roster (出生年月, 参加工作时间) are kept as ``YYYY-MM`` strings: rosters record months.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from operator import mul

# Canonical roster fields, in the order a 花名册 usually has them.
FIELDS: tuple[str, ...] = (
    "seq", "name", "sex", "ethnicity", "birth", "id_number", "political_status", "education",
    "degree", "work_start", "department", "position", "rank", "phone", "remarks",
)
FIELD_LABELS: dict[str, str] = {
    "seq": "序号", "name": "姓名", "sex": "性别", "ethnicity": "民族", "birth": "出生年月",
    "id_number": "公民身份号码", "political_status": "政治面貌", "education": "学历",
    "degree": "学位", "work_start": "参加工作时间", "department": "科室", "position": "职务",
    "rank": "职级", "phone": "联系电话", "remarks": "备注",
}
MONTH_FIELDS = ("birth", "work_start")

MALE = "男"
FEMALE = "女"
_SEX_WORDS = {"男": MALE, "男性": MALE, "M": MALE, "MALE": MALE,
              "女": FEMALE, "女性": FEMALE, "F": FEMALE, "FEMALE": FEMALE}


@dataclass(slots=True)
class Person:
    """One member of staff; dates are ``YYYY-MM`` or empty, absent text is ``""``."""

    name: str
    sex: str = ""
    ethnicity: str = ""
    birth: str = ""
    id_number: str = ""
    political_status: str = ""
    education: str = ""
    degree: str = ""
    work_start: str = ""
    department: str = ""
    position: str = ""
    rank: str = ""
    phone: str = ""
    remarks: str = ""
    id: int | None = None  # the database row, once stored

    def as_json(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "id"}


PERSON_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Person) if f.name != "id")

# A removed person whose learning records are kept (see ``storage/people_removal.py``).
PLACEHOLDER_PREFIX = "已删除人员 #"


def placeholder_name(person_id: int) -> str:
    return f"{PLACEHOLDER_PREFIX}{person_id}"


def is_placeholder(person: Person) -> bool:
    """True for the anonymous stand-in of a removed person."""
    return person.name.startswith(PLACEHOLDER_PREFIX) and not person.id_number


# --- Names -----------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def normalise_name(text: str) -> str:
    """A name without any whitespace (ASCII, U+3000, NBSP) or zero-width characters.

    No NFKC here: it would replace CJK compatibility ideographs used in real names.
    """
    return "".join(text.split()).translate(_INVISIBLE)


def normalise_sex(text: str) -> str:
    """``男``/``女`` for the usual spellings; anything else is returned unchanged."""
    key = "".join(text.split()).upper()
    return _SEX_WORDS.get(key, key)


# --- ID numbers ------------------------------------------------------------------------------

ID_LENGTH = 18
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ZERO_OFFSET = ord("0") * sum(_WEIGHTS)
_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS17 = re.compile(r"[0-9]{17}")


def id_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits (ASCII ``0``–``9``)."""
    if not _DIGITS17.fullmatch(first17):
        raise ValueError(f"not 17 digits: {first17!r}")
    return _check_char(first17)


def _check_char(digits: str) -> str:
    """The check character of ``digits[:17]``, known to be ASCII digits."""
    # Digit bytes times weights, summed in C; then remove the weighted code of "0".
    total = sum(map(mul, digits.encode("ascii"), _WEIGHTS)) - _ZERO_OFFSET
    return _CHECK_CHARS[total % 11]


def normalise_id_number(text: str) -> str:
    """NFKC (full-width digits and ``Ｘ``), no whitespace at all, upper-case ``X``."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return "".join(text.split()).upper()


def id_number_problem(id_number: str) -> str | None:
    """Why a normalised ID number is invalid (a Chinese sentence), or ``None`` when valid."""
    if len(id_number) != ID_LENGTH or not _ID_SHAPE.fullmatch(id_number):
        return _shape_problem(id_number)
    if id_birth_date(id_number) is None:
        return f"身份证号码“{id_number}”中的出生日期（{id_number[6:14]}）不是有效日期。"
    expected = _check_char(id_number)  # map() stops after the 17 weights
    if id_number[17] != expected:
        return (f"身份证号码“{id_number}”的校验位不对（按前17位应为“{expected}”），"
                "请逐位核对号码。")
    return None


def _shape_problem(id_number: str) -> str:
    if len(id_number) == 15 and id_number.isdigit():
        return f"身份证号码“{id_number}”是15位旧号码，请改为18位公民身份号码。"
    if len(id_number) != ID_LENGTH:
        return f"身份证号码“{id_number}”应为18位，实为{len(id_number)}位。"
    return f"身份证号码“{id_number}”含有非法字符（前17位应为数字，最后一位为数字或X）。"


def id_birth_date(id_number: str) -> date | None:
    """The birth date embedded in an 18-character ID number, or ``None`` if it is not a date."""
    return _birth_date(id_number[6:14])


@lru_cache(maxsize=1 << 15)
def _birth_date(yyyymmdd: str) -> date | None:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None
    return born if 1900 <= born.year <= date.today().year else None


def id_birth_month(id_number: str) -> str:
    """``YYYY-MM`` of the birth date in a (shape-checked) ID number."""
    return f"{id_number[6:10]}-{id_number[10:12]}"


def id_sex(id_number: str) -> str:
    """``男`` or ``女`` from the 17th digit (odd: male)."""
    return MALE if int(id_number[16]) % 2 else FEMALE


# --- Months ----------------------------------------------------------------------------------

_MONTH_TEXT = re.compile(
    r"([0-9]{4})\s*[.\-/年]\s*([0-9]{1,2})\s*月?\s*(?:[.\-/]?\s*([0-9]{1,2})\s*日?)?"
    r"(?:\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?")
_MONTH_DIGITS = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})?")
MIN_YEAR = 1900
MAX_YEAR = 2100


def to_month(value: object, hint_month: int | None = None) -> tuple[str, str]:
    """A roster date as ``(YYYY-MM, warning)``; ``("", "")`` for an empty cell.

    Accepts real dates, ``1985.03``, ``1985.3``, ``1985年3月``, ``19850312``, ``1974-08``,
    ``1985/3`` and numbers such as ``1985.03``. A number ``1985.1`` may be January or October
    (``1985.10`` loses its zero): ``hint_month`` (1 or 10) decides, otherwise January with a
    warning. Raises ``ValueError`` with a Chinese message for anything else.
    """
    cls = value.__class__
    if cls is str:
        return _text_month(value), ""  # type: ignore[arg-type]
    if cls is date or cls is datetime:
        return _month(value.year, value.month), ""  # type: ignore[attr-defined]
    if cls is float or cls is int:
        return _number_month(value, hint_month)  # type: ignore[arg-type]
    if value is None:
        return "", ""
    raise ValueError(f"“{value}”不是日期。")


def _month(year: int, month: int) -> str:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        raise ValueError(f"{year}年{month}月不是有效的年月。")
    return f"{year:04d}-{month:02d}"


@lru_cache(maxsize=1 << 13)  # rosters repeat the same few hundred spellings
def _text_month(raw: str) -> str:
    text = raw.strip()
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    m = _MONTH_TEXT.fullmatch(text) or _MONTH_DIGITS.fullmatch(text)
    if m is None:
        raise ValueError(f"无法识别日期“{raw.strip()}”（应写作1985.03、1985年3月或19850312）。")
    year, month = int(m[1]), int(m[2])
    if m[3]:
        _check_day(year, month, int(m[3]), raw)
    return _month(year, month)


def _check_day(year: int, month: int, day: int, raw: str) -> None:
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"“{raw.strip()}”不是有效日期。") from None


def _number_month(value: float, hint_month: int | None) -> tuple[str, str]:
    if value == int(value):
        digits = str(int(value))
        m = _MONTH_DIGITS.fullmatch(digits)
        if m is None:
            raise ValueError(f"无法识别日期“{digits}”（应写作1985.03、1985年3月或19850312）。")
        if m[3]:
            _check_day(int(m[1]), int(m[2]), int(m[3]), digits)
        return _month(int(m[1]), int(m[2])), ""
    text = repr(value)
    year, _, fraction = text.partition(".")
    if len(fraction) > 2 or not year.isdigit():
        text = f"{value:.2f}"
        year, _, fraction = text.partition(".")
    if fraction == "1":
        if hint_month in (1, 10):
            return _month(int(year), hint_month), ""
        return _month(int(year), 1), (
            f"数字{text}分不清是{year}年1月还是10月，已按1月导入，请核对（可改为文本“{year}.10”）。")
    return _month(int(year), int(fraction)), ""
