"""How the yearbook tab and the 总览 box word a volume's outlook (a light module: the
dashboard imports it at start-up without the whole tab)."""

from __future__ import annotations

from datetime import date

from fangzhi_desktop.domain.dates import cn_date
from fangzhi_desktop.domain.yearbook_stages import Forecast


def md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def verdict(forecast: Forecast) -> tuple[str, bool]:
    """The headline and whether it is bad news (red)."""
    if forecast.published or forecast.holds is None or forecast.slack is None \
            or forecast.publication is None:
        return forecast.text(), forecast.holds is False
    same_year = forecast.publication.year == forecast.deadline.year
    when = md(forecast.publication) if same_year else cn_date(forecast.publication)
    if forecast.holds:
        return (f"当年卷当年出版：按计划可在{when}前出版（余量{forecast.slack}"
                f"{forecast.unit}）", False)
    return (f"当年卷当年出版：预计将延误{-forecast.slack}{forecast.unit}"
            f"（按当前进度预计{when}出版）", True)
