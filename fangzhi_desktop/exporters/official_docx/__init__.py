"""The official-documents engine: 公文 (GB/T 9704-2012), 简报 and landscape 台账 as .docx.

Three layers, as python-docx itself is built:
- ``metrics`` and ``model``: the layout in GB/T 9704 figures and what a document says (pure data);
- ``oxml``: every raw-XML touch python-docx has no API for (fonts, fields, borders, grids);
- ``render_*``: python-docx calls that turn a model into a file.
"""

from fangzhi_desktop.domain.office import OfficeProfile
from fangzhi_desktop.exporters.official_docx.model import (
    Attachment,
    Banji,
    Block,
    Briefing,
    BriefingArticle,
    BriefingTail,
    Gongwen,
    ImageBlock,
    LedgerDocument,
    TableBlock,
)

__all__ = [
    "Attachment",
    "Banji",
    "Block",
    "Briefing",
    "BriefingArticle",
    "BriefingTail",
    "Gongwen",
    "ImageBlock",
    "LedgerDocument",
    "OfficeProfile",
    "TableBlock",
]
