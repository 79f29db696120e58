"""The office itself: its names, as every document prints them."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class OfficeProfile:
    """Filled in once (设置 → 单位信息) and used by every document."""

    full_name: str = "某县地方志办公室"
    short_name: str = "某志办"  # 文号: 某志办发〔2023〕3号
    red_head: str = ""  # 版头 text; defaults to the full name + 文件
    default_recipient: str = "各科室、各有关单位："
    cc: str = ""  # 抄送, names separated by ，or 、
    printer: str = ""  # 印发机关; defaults to the office
    signature: str = ""  # 署名; defaults to the office
    briefing_name: str = ""  # 简报, e.g. 政工简讯
    briefing_publisher: str = ""  # 编发单位

    @property
    def head_text(self) -> str:
        return self.red_head or f"{self.full_name}文件"

    @property
    def printer_name(self) -> str:
        return self.printer or self.full_name

    @property
    def signature_name(self) -> str:
        return self.signature or self.full_name

    @property
    def cc_list(self) -> list[str]:
        return [n.strip() for n in self.cc.replace("、", "，").split("，") if n.strip()]

    def doc_no(self, year: int, serial: int) -> str:
        """发文字号: 〔〕 around the full year, no 第, no zero padding."""
        return f"{self.short_name}发〔{year}〕{serial}号"

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


PROFILE_LABELS = {
    "full_name": "单位全称",
    "short_name": "发文字号代字（如“某志办”）",
    "red_head": "版头文字（留空为“单位全称+文件”）",
    "default_recipient": "默认主送机关",
    "cc": "抄送机关",
    "printer": "印发机关（留空为单位全称）",
    "signature": "署名（留空为单位全称）",
    "briefing_name": "简报名称",
    "briefing_publisher": "简报编发单位",
}
