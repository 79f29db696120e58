"""The 作战图: drawn on any QPainter (pixels checked), the widget (zoom, scale, tooltips), the
exports (PNG at print resolution, landscape Word) and a 1,000-task smoke test."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QWheelEvent

from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.workpoints import Status
from fangzhi_desktop.storage import open_database
from fangzhi_desktop.ui.campaign_chart import (
    BAR_FILL,
    CLOSED_FILL,
    TODAY_COLOUR,
    CampaignChartView,
    ChartData,
    TimeScale,
    render_chart,
)
from fangzhi_desktop.ui.campaign_chart_export import A3_PX, chart_data, export_chart
from tests.conftest import DEMO_TODAY

LEDGER_ID = 2


@pytest.fixture
def ledger(demo_db: Path, qapp) -> ChartData:
    conn = open_database(demo_db)
    try:
        return chart_data(conn, LEDGER_ID, DEMO_TODAY)
    finally:
        conn.close()


def _render(data: ChartData, size: tuple[int, int] = (1400, 900), **kwargs: object):
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    layout = render_chart(painter, QRectF(0, 0, *size), data.campaign, data.phases, data.tasks,
                          data.today, kwargs.pop("scale", None), steps=data.steps, **kwargs)
    painter.end()
    return image, layout


def _close(a: QColor, b: QColor, tolerance: int = 24) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= tolerance


def _share(image: QImage, rect: QRectF, colour: QColor) -> float:
    """How much of ``rect`` (inside its outline) is ``colour``."""
    inner = rect.adjusted(2, 2, -2, -2).toRect()
    points = [(x, y) for x in range(inner.left(), inner.right() + 1)
              for y in range(inner.top(), inner.bottom() + 1)]
    hits = sum(_close(image.pixelColor(x, y), colour, 8) for x, y in points)
    return hits / max(1, len(points))


def _task(data: ChartData, no: int) -> CampaignTask:
    return next(t for t in data.tasks if t.no == no)


def test_today_line_and_bar_colours(ledger: ChartData) -> None:
    image, layout = _render(ledger)
    assert layout.scale is TimeScale.WEEK
    assert layout.first <= DEMO_TODAY <= layout.last
    # Today's line runs down the rows.
    x = round(layout.today_x(DEMO_TODAY))
    rows = [round(layout.plot.top() + f * layout.plot.height()) for f in (0.1, 0.5, 0.9)]
    for y in rows:
        assert any(_close(image.pixelColor(x + dx, y), TODAY_COLOUR) for dx in (-1, 0, 1))
    # 第6项 is overdue: a red bar; 第1项 is closed off: grey; 第8项 is on track: green.
    overdue = _task(ledger, 6)
    assert overdue.overdue(DEMO_TODAY)
    from fangzhi_desktop.domain.workpoints import Grade

    assert _share(image, layout.bar_rect(overdue.id), BAR_FILL[Grade.RED]) > 0.5
    assert _share(image, layout.bar_rect(_task(ledger, 1).id), CLOSED_FILL) > 0.5
    assert _share(image, layout.bar_rect(_task(ledger, 8).id), BAR_FILL[Grade.GREEN]) > 0.5
    # The phase today is highlighted across the top.
    assert layout.phase_rect.height() > 0


def test_months_and_layout_queries(ledger: ChartData) -> None:
    _, layout = _render(ledger, scale=TimeScale.MONTH, title=False)
    assert layout.scale is TimeScale.MONTH
    assert layout.first == date(2026, 8, 1) and layout.last.day in (28, 29, 30, 31)
    task = _task(ledger, 15)
    bar = layout.bar_rect(task.id)
    assert layout.row_at(bar.center().y()).task.id == task.id
    assert layout.title_rect.height() == 0


def test_seed_campaign_runs_on(demo_db: Path, qapp) -> None:
    conn = open_database(demo_db)
    try:
        data = chart_data(conn, 1, DEMO_TODAY)
    finally:
        conn.close()
    _image, layout = _render(data)
    assert layout.scale is TimeScale.MONTH  # 2021 to today
    long_term = next(t for t in data.tasks if t.deadline is None)
    assert layout.bar_rect(long_term.id).right() >= layout.plot.right() - 1


def test_the_view_zooms_and_explains_bars(ledger: ChartData, qtbot) -> None:
    view = CampaignChartView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_data(ledger)
    assert view.week_button.isChecked()
    assert view.zoom_label.text() == "适合窗口"
    fit_width = view.canvas.width()
    view.zoom_in_button.click()
    assert view.canvas.width() > fit_width
    assert view.zoom_label.text() == "125%"
    view.fit_button.click()
    assert view.canvas.width() == fit_width
    viewport = view.scroll.viewport()
    event = QWheelEvent(QPointF(50, 50), QPointF(viewport.mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.eventFilter(viewport, event)
    assert view.zoom == pytest.approx(1.25)
    view.zoom_out_button.click()
    view.month_button.click()
    assert view.scale() is TimeScale.MONTH
    view.canvas.grab()  # paints
    layout = view.canvas.layout_
    task = _task(ledger, 6)
    centre = layout.bar_rect(task.id).center()
    assert view.canvas.task_at(centre).id == task.id
    assert "第6项：组织查阅馆藏档案" in view.canvas.tooltip(task.id)
    assert "已逾期17天" in view.canvas.tooltip(task.id)


def test_png_export_at_print_resolution(demo_db: Path, tmp_path: Path, qapp) -> None:
    out = export_chart(demo_db, LEDGER_ID, tmp_path / "作战图.png", DEMO_TODAY)
    image = QImage(str(out))
    assert (image.width(), image.height()) == A3_PX
    assert round(image.dotsPerMeterX() * 0.0254) == 300


def test_docx_export_has_title_image_and_legend(demo_db: Path, tmp_path: Path, qapp) -> None:
    import docx

    out = export_chart(demo_db, LEDGER_ID, tmp_path / "作战图.docx", DEMO_TODAY)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "2026年地方志工作“三大攻坚”专项行动实施方案作战图" in texts
    assert any(t.startswith("图例：") and "逾期" in t and "今天" in t for t in texts)
    assert len(document.inline_shapes) == 1
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    part = document.part.related_parts[blob]
    assert part.blob[:8] == b"\x89PNG\r\n\x1a\n"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_export_refuses_other_suffixes(demo_db: Path, tmp_path: Path, qapp) -> None:
    from fangzhi_desktop.errors import UnusableInput

    with pytest.raises(UnusableInput):
        export_chart(demo_db, LEDGER_ID, tmp_path / "作战图.pdf", DEMO_TODAY)


def test_command_line_export_through_the_launcher(demo_db: Path, tmp_path: Path, qapp,
                                                  capsys) -> None:
    from fangzhi_desktop.launcher import main

    assert main(["export", "--list"]) == 0
    assert "campaign-chart\t" in capsys.readouterr().out
    out = tmp_path / "chart.png"
    assert main(["--db", str(demo_db), "export", "campaign-chart", "--id", "2", "--out",
                 str(out), "--date", "2026-11-23"]) == 0
    assert QImage(str(out)).width() == A3_PX[0]
    assert main(["--db", str(demo_db), "export", "campaign-chart", "--out", str(out)]) == 2
    assert "请用 --id 指定专项活动" in capsys.readouterr().err


def synthetic(n: int) -> ChartData:
    """``n`` tasks over a year, in five plans, some late, some closed, some extended."""
    phases = [Phase(1, 1, 1, "动员部署阶段", date(2026, 3, 1), date(2026, 4, 30)),
              Phase(2, 1, 2, "集中攻坚阶段", date(2026, 5, 1), date(2026, 12, 31)),
              Phase(3, 1, 3, "总结验收阶段", date(2027, 1, 1), date(2027, 2, 28))]
    tasks, steps = [], {}
    for k in range(1, n + 1):
        due = date(2026, 3, 6) + timedelta(days=(k * 7) % 350)
        phase = next((p for p in phases if p.contains(due)), phases[-1])
        extended = k % 9 == 0
        tasks.append(CampaignTask(
            k, 1, k, k, f"第{k}项任务：按照实施方案推进地方志工作", group=f"方案{k % 5 + 1}",
            phase_id=phase.id, phase_name=phase.name, unit="编研科", deadline=due,
            deadline_issued=due - timedelta(days=14) if extended else due,
            extensions=int(extended), status=list(Status)[k % 4], steps_total=2,
            steps_done=k % 3))
        steps[k] = [TaskStep(2 * k, k, 1, "第一步", deadline=due - timedelta(days=14), done=True),
                    TaskStep(2 * k + 1, k, 2, "第二步", deadline=due)]
    tasks.sort(key=lambda t: t.group)
    return ChartData(CampaignInfo(1, "千项任务专项行动实施方案", 2026), phases, tasks, steps,
                     DEMO_TODAY)


def test_a_thousand_tasks_render_quickly(qapp) -> None:
    """A smoke test: bench/bench_campaign_chart.py holds the real target."""
    data = synthetic(1000)
    start = time.perf_counter()
    image, layout = _render(data, (1280, 800), font_px=13, title=False)
    squeezed = time.perf_counter() - start
    assert len(layout.rows) == 1005
    image = QImage(1280, 800, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    start = time.perf_counter()
    painter.translate(0, -10000)
    painter.setClipRect(QRectF(0, 10000, 1280, 800))
    render_chart(painter, QRectF(0, 0, 1280, 21000), data.campaign, data.phases, data.tasks,
                 data.today, None, steps=data.steps, font_px=13, title=False)
    scrolled = time.perf_counter() - start
    painter.end()
    assert squeezed < 2.0 and scrolled < 1.0
