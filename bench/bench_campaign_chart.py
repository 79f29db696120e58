"""The 作战图 (campaign wall chart): rendering what the tab shows, into a QImage of the on-screen
size (offscreen platform).

Targets (issue 6): 30 tasks ≤ 50 ms, 1,000 tasks ≤ 300 ms (median of ≥ 7 runs). The chart view
sizes its canvas as in the window (1280×800: a 1240×560 viewport, 适合窗口); the 1,000-task
canvas is taller than the window, so the visible part is painted as the canvas paints it
(clipped, the header pinned); the same 1,000 tasks squeezed into one window are measured too.
"""

from __future__ import annotations

import os
import sys
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, report
from fangzhi_desktop.domain.campaigns import CampaignInfo, CampaignTask, Phase, TaskStep
from fangzhi_desktop.domain.workpoints import Status

TODAY = date(2026, 11, 23)
VIEWPORT = (1240, 560)  # the 作战图's scroll area in a 1280×800 window


def campaign(n: int) -> tuple[CampaignInfo, list[Phase], list[CampaignTask],
                              dict[int, list[TaskStep]]]:
    """``n`` tasks over a year in five plans: late, closed, extended ones, two steps each."""
    phases = [Phase(1, 1, 1, "动员部署阶段", date(2026, 3, 1), date(2026, 4, 30)),
              Phase(2, 1, 2, "集中攻坚阶段", date(2026, 5, 1), date(2026, 12, 31)),
              Phase(3, 1, 3, "总结验收阶段", date(2027, 1, 1), date(2027, 2, 28))]
    tasks, steps = [], {}
    for k in range(1, n + 1):
        due = date(2026, 3, 6) + timedelta(days=(k * 7) % 350)
        phase = next((p for p in phases if p.contains(due)), phases[-1])
        extended = k % 9 == 0
        tasks.append(CampaignTask(
            k, 1, k, k, f"第{k}项任务：按照实施方案要求推进地方志工作的一项具体任务",
            group=f"第{k % 5 + 1}号方案", phase_id=phase.id, phase_name=phase.name,
            unit="编研科", person="李文博", deadline=due,
            deadline_issued=due - timedelta(days=14) if extended else due,
            extensions=int(extended), status=list(Status)[k % 4], steps_total=2,
            steps_done=k % 3))
        steps[k] = [TaskStep(2 * k, k, 1, "第一步", deadline=due - timedelta(days=14), done=True),
                    TaskStep(2 * k + 1, k, 2, "第二步", deadline=due)]
    tasks.sort(key=lambda t: (t.group, t.position))
    return CampaignInfo(1, f"{n}项任务专项行动实施方案", 2026), phases, tasks, steps


def main() -> int:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from fangzhi_desktop.ui.app import create_application
    from fangzhi_desktop.ui.campaign_chart import (
        CampaignChartView,
        ChartData,
        draw_pinned_header,
        render_chart,
    )

    app = create_application()
    view = CampaignChartView()
    view.resize(VIEWPORT[0], VIEWPORT[1] + 40)
    view.show()
    QApplication.processEvents()
    view.scroll.setFixedSize(*VIEWPORT)
    QApplication.processEvents()

    def on_screen(n: int) -> tuple[object, str]:
        info, phases, tasks, steps = campaign(n)
        view.set_data(ChartData(info, phases, tasks, steps, TODAY))
        size = view.canvas_size()
        f = view.canvas.font_px
        top = max(0, (size.height() - VIEWPORT[1]) // 2)  # scrolled half-way down

        def paint() -> None:
            image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            painter.translate(0, -top)
            painter.setClipRect(QRectF(0, top, *VIEWPORT))
            layout = render_chart(painter, QRectF(0, 0, size.width(), size.height()), info,
                                  phases, tasks, TODAY, None, steps=steps, font_px=f,
                                  title=False)
            if top:
                painter.setClipping(False)
                draw_pinned_header(painter, layout, phases, TODAY, top)
            painter.end()

        return paint, f"{size.width()}×{size.height()} canvas"

    def squeezed(n: int) -> object:
        info, phases, tasks, steps = campaign(n)

        def paint() -> None:
            image = QImage(*VIEWPORT, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            render_chart(painter, QRectF(0, 0, *VIEWPORT), info, phases, tasks, TODAY, None,
                         steps=steps, font_px=13, title=False)
            painter.end()

        return paint

    paint30, canvas30 = on_screen(30)
    paint1000, canvas1000 = on_screen(1000)
    timings = [
        measure(f"30 tasks, on screen ({canvas30})", paint30, runs=15),
        measure(f"1,000 tasks, on screen ({canvas1000}, scrolled)", paint1000, runs=9),
        measure("1,000 tasks squeezed into one window", squeezed(1000), runs=9),
    ]
    t30, t1000, tsqueezed = (t.median_ms for t in timings)
    checks = [
        ("30 tasks ms", t30, 50),
        ("1,000 tasks on screen ms", t1000, 300),
        ("1,000 tasks squeezed ms", tsqueezed, 300),
    ]
    view.close()
    app.processEvents()
    return 0 if report("campaign_chart", timings, checks) else 1


if __name__ == "__main__":
    sys.exit(main())
