"""A tab whose module is still to come: a friendly explanation of what it will hold."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fangzhi_desktop.ui.font_scale import relative_font

COMING_LATER = "该功能将在后续版本中提供。"
EXPLANATION_WIDTH = 560


class PlaceholderTab(QWidget):
    """Centred title, what the module will do, and that it comes in a later version."""

    def __init__(self, title: str, features: list[str], summary: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.features = list(features)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        heading = QLabel(title)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        relative_font(heading, 2.0, bold=True).setStyleSheet("color: #2F4F6F;")
        layout.addWidget(heading)
        text = QLabel(
            f"<p>{summary}</p>"
            f"<p>将包括：{'、'.join(features)}。</p>"
            f"<p style='color:#8A5A00'>{COMING_LATER}</p>")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        relative_font(text, 1.2).setStyleSheet("color: #444;")
        text.setFixedWidth(EXPLANATION_WIDTH)  # a fixed width lets the wrapped text get its height
        self.explanation = text
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def explanation_text(self) -> str:
        return self.explanation.text()
