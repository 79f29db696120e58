"""The stages of a volume: state, lateness, the current stage and whether “当年卷当年出版”
(published by December 31 of the volume year) still holds, in calendar or working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fangzhi_desktop.domain.calendar import load_official
from fangzhi_desktop.domain.yearbook_stages import (
    DEFAULT_TEMPLATE,
    Days,
    Stage,
    StageState,
    TemplateStage,
    forecast,
    month_day,
    shift_year,
    stage_today,
    valid_month_day,
)

YEAR = 2026


def plan(*, today_actuals: dict[str, tuple[date | None, date | None]] | None = None,
         year: int = YEAR) -> list[Stage]:
    """The default template in ``year`` with the actual dates given by name."""
    actuals = today_actuals or {}
    stages = []
    for n, (name, start, end, publication) in enumerate(DEFAULT_TEMPLATE, start=1):
        first, last = actuals.get(name, (None, None))
        stages.append(Stage(n, 1, n, name, month_day(year, start), month_day(year, end),
                            first, last, publication=publication))
    return stages


def d(month: int, day: int, year: int = YEAR) -> date:
    return date(year, month, day)


def test_state_and_lateness() -> None:
    stage = Stage(1, 1, 1, "组稿", d(2, 11), d(4, 10))
    assert stage.state is StageState.NOT_STARTED
    assert not stage.late(d(4, 10)) and stage.late(d(4, 11))
    assert stage.days_late(d(4, 20)) == 10
    running = Stage(1, 1, 1, "组稿", d(2, 11), d(4, 10), actual_start=d(2, 12))
    assert running.state is StageState.RUNNING and running.late(d(5, 1))
    done = Stage(1, 1, 1, "组稿", d(2, 11), d(4, 10), d(2, 12), d(4, 30))
    assert done.state is StageState.DONE and not done.late(d(5, 1)) and done.days_late(d(5, 1)) == 0
    assert not Stage(1, 1, 1, "未排期").late(d(12, 31))


def test_the_current_stage_is_the_first_unfinished_one() -> None:
    stages = plan(today_actuals={"印发组稿通知": (d(1, 5), d(1, 18)),
                                 "篇目设计/审定": (d(1, 19), d(2, 9)),
                                 "组稿": (d(2, 11), None)})
    now = stage_today(stages, d(3, 1))
    assert now.current is not None and now.current.name == "组稿"
    assert now.state == "进行中" and now.text() == "组稿（进行中）"
    assert [s.name for s in now.running] == ["组稿"] and now.late == ()
    later = stage_today(stages, d(5, 1))
    assert [s.name for s in later.late] == ["组稿", "收稿"]


def test_a_stage_whose_planned_start_came_but_was_not_recorded() -> None:
    stages = plan(today_actuals={"印发组稿通知": (d(1, 5), d(1, 18))})
    assert stage_today(stages, d(1, 25)).text() == "篇目设计/审定（按计划应已开始）"
    assert stage_today(stages, d(1, 19)).text() == "篇目设计/审定（待开始）"


def test_no_stages_and_all_done() -> None:
    assert stage_today([], d(3, 1)).text() == "未设阶段"
    done = [Stage(1, 1, 1, "全部", d(1, 1), d(2, 1), d(1, 1), d(2, 1))]
    assert stage_today(done, d(3, 1)).text() == "已全部完成"


def test_on_plan_the_slack_is_the_days_from_publication_to_december_31() -> None:
    result = forecast(plan(), YEAR, d(1, 2))
    assert result.publication == d(12, 25)  # 出版发行 is the publication stage
    assert result.slack == 6 and result.holds is True and result.unit == "天"
    assert result.text() == ("预计2026年12月25日出版，距“当年卷当年出版”时限（2026年12月31日）"
                             "尚余6天。")


def test_a_late_running_stage_pushes_the_rest_of_the_plan() -> None:
    # 组稿 (planned 2-11…4-10, 59 days) started 20 days late: it ends 5-1, 21 days late.
    stages = plan(today_actuals={"印发组稿通知": (d(1, 5), d(1, 20)),
                                 "篇目设计/审定": (d(1, 21), d(2, 10)),
                                 "组稿": (d(3, 3), None)})
    result = forecast(stages, YEAR, d(3, 20))
    projected = {p.stage.name: (p.start, p.end) for p in result.projected}
    assert projected["组稿"] == (d(3, 3), d(4, 30))
    assert projected["收稿"] == (d(5, 1), d(5, 20))  # planned 4-11…4-30, shifted 20 days
    assert result.publication == d(12, 25) + timedelta(days=20)
    assert result.slack == -14 and result.holds is False
    assert "将超出“当年卷当年出版”时限（2026年12月31日）14天" in result.text()


def test_a_stage_overdue_today_ends_no_earlier_than_today() -> None:
    stages = plan(today_actuals={"印发组稿通知": (d(1, 5), None)})
    result = forecast(stages, YEAR, d(3, 1))
    first = result.projected[0]
    assert first.end == d(3, 1)  # planned to end 1-20: still running on 3-1
    assert result.publication == d(12, 25) + timedelta(days=(d(3, 1) - d(1, 20)).days)


def test_finishing_early_does_not_pull_the_plan_forward() -> None:
    stages = plan(today_actuals={"印发组稿通知": (d(1, 5), d(1, 8))})
    assert forecast(stages, YEAR, d(1, 9)).publication == d(12, 25)


def test_published_and_unscheduled() -> None:
    published = plan(today_actuals={name: (d(1, 5), d(12, 20)) for name, *_ in DEFAULT_TEMPLATE})
    result = forecast(published, YEAR, d(12, 28))
    assert result.published and result.slack == 11 and result.holds
    assert result.text() == "已于2026年12月20日出版，已按时出版。"
    unscheduled = [Stage(1, 1, 1, "排版", d(1, 1), d(2, 1)),
                   Stage(2, 1, 2, "出版发行", publication=True)]
    result = forecast(unscheduled, YEAR, d(1, 2))
    assert result.publication is None and result.holds is None
    assert "无法判断" in result.text()
    partly = [Stage(1, 1, 1, "排版"), Stage(2, 1, 2, "出版发行", d(6, 1), d(6, 30), publication=True)]
    result = forecast(partly, YEAR, d(1, 2))
    assert result.unscheduled == ("排版",) and "排版未排计划日期，未计入" in result.text()
    assert forecast([], YEAR, d(1, 2)).publication is None


def test_working_days_count_the_holidays_and_the_make_up_days() -> None:
    calendar = load_official()
    days = Days(calendar)
    # National Day 2026: October 1–7 off, Sunday 9-20 and Saturday 10-10 worked (调休).
    assert days.length(d(10, 1), d(10, 9)) == 2
    assert days.length(d(9, 20), d(9, 20)) == 1
    assert days.end_after(d(9, 30), 2) == d(10, 8)
    assert days.between(d(9, 30), d(10, 9)) == 2
    assert days.first(d(10, 3)) == d(10, 8)
    plain = Days()
    assert plain.length(d(10, 1), d(10, 9)) == 9 and plain.between(d(1, 1), d(1, 31)) == 30


def test_the_working_day_forecast_counts_working_days() -> None:
    calendar = load_official()
    result = forecast(plan(), YEAR, d(1, 2), calendar)
    assert result.unit == "个工作日" and result.publication == d(12, 25)
    assert result.slack == 4  # 12-28 … 12-31 are Monday to Thursday
    assert "尚余4个工作日" in result.text() and result.guessed_years == ()


def test_beyond_the_known_years_weekdays_are_counted_and_said() -> None:
    calendar = load_official()
    late = plan(today_actuals={"印发组稿通知": (d(1, 5), None)})
    result = forecast(late, YEAR, d(11, 1), calendar)
    assert result.publication is not None and result.publication.year > YEAR
    assert YEAR + 1 in result.guessed_years
    assert f"{YEAR + 1}年节假日安排未录入，按周一至周五计算工作日" in result.text()


def test_month_days_and_shifting_a_year() -> None:
    assert month_day(2025, "02-29") == date(2025, 2, 28)
    assert month_day(2024, "02-29") == date(2024, 2, 29)
    assert valid_month_day("12-31") and valid_month_day("02-29")
    assert not valid_month_day("13-01") and not valid_month_day("2-1") and not valid_month_day("")
    assert shift_year(date(2024, 2, 29)) == date(2025, 2, 28)
    assert shift_year(date(2025, 3, 1), 2) == date(2027, 3, 1)
    assert shift_year(None) is None
    assert TemplateStage(1, "组稿", "02-11", "04-10").dates(2027) == (date(2027, 2, 11),
                                                                      date(2027, 4, 10))


@pytest.mark.parametrize("name", [n for n, *_ in DEFAULT_TEMPLATE])
def test_the_default_template_fits_in_the_year(name: str) -> None:
    entry = next(t for t in DEFAULT_TEMPLATE if t[0] == name)
    start, end = month_day(YEAR, entry[1]), month_day(YEAR, entry[2])
    assert date(YEAR, 1, 1) <= start <= end <= date(YEAR, 12, 31)
    assert sum(t[3] for t in DEFAULT_TEMPLATE) == 1
