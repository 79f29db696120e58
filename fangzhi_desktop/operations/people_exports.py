"""Exports that contain people's ID or phone numbers (个人信息保护法): one list for the command
line (``--full-ids``) and the window (the 包含完整身份证号和电话 tick box).

Every such export masks the numbers (``5113**********194X``, ``138****0000``) unless the user
asks for them in full for that one export; nothing remembers the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

FULL_NUMBERS_LABEL = "包含完整身份证号和电话"
FULL_IDS_HELP = "导出完整的身份证号和电话（默认打码，仅用于含人员信息的种类）"


@dataclass(frozen=True)
class PeopleExport:
    """An export kind with people in it: what the numbers are, and whether it is a roster that
    is only useful complete (its dialog says so)."""

    kind: str
    numbers: str  # 每人的公民身份号码 — what the file holds
    complete: bool = False


PEOPLE_EXPORTS: dict[str, PeopleExport] = {e.kind: e for e in (
    PeopleExport("roster-xlsx", "每人的公民身份号码和联系电话", complete=True),
    PeopleExport("learning-hours-xlsx", "每人的公民身份号码"),
    PeopleExport("briefing", "正文中出现的身份证号和手机号码"),
    PeopleExport("yearbook-xlsx", "各单位联系人的电话"),
    PeopleExport("yearbook-package", "各单位联系人的电话"),
    # Exchange packages leave the numbers out (not masked) unless asked; their own dialog has
    # the tick box, and the command line shares ``fangzhi export``'s --full-ids.
    PeopleExport("package", "花名册人员的公民身份号码和联系电话"),
)}


def contains_people(kind: str) -> bool:
    return kind in PEOPLE_EXPORTS


def numbers_note(kind: str) -> str:
    """What the dialog says before the tick box."""
    export = PEOPLE_EXPORTS[kind]
    text = (f"导出的文件含有{export.numbers}。按照个人信息保护的要求，默认打码显示"
            "（如 5113**********194X、138****0000）。")
    if export.complete:
        text += ("\n\n这是完整花名册：如需报送或存档完整信息，请勾选下面的选项；"
                 "不勾选时身份证号和电话为打码后的形式，不能用于核对身份。")
    else:
        text += "只有确需完整号码（如报送上级）时才勾选下面的选项。"
    return text
