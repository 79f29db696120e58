"""The news importer on seeds 001 and 002 (PDF text of 简讯) and on hand-made variants."""

from __future__ import annotations

import contextlib
import random
from datetime import date
from pathlib import Path

import pytest

from fangzhi_desktop.domain.learning import Attendance
from fangzhi_desktop.domain.people import Person
from fangzhi_desktop.errors import UnusableInput
from fangzhi_desktop.importers.learning_news import parse_text, read_activity
from tests.conftest import SAMPLES

SEED_001 = SAMPLES / "001_8f8c403cddf73fcf.txt"
SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"
ROSTER = [Person("孙立军", id=1), Person("王丽", id=2), Person("刘洋", id=3),
          Person("刘洋", id=4), Person("赵敏", id=5), Person("欧阳晓明", id=6),
          Person("邓瑜", id=7)]


def _messages(parsed: object, severity: str) -> list[str]:
    return [p.message for p in parsed.problems if p.severity == severity]  # type: ignore[attr-defined]


# --- The seeds -------------------------------------------------------------------------------


def test_seed_001_the_first_article_of_a_briefing() -> None:
    parsed = read_activity(SEED_001)
    assert parsed.start == date(2021, 1, 12)  # "1月 12日"; the year from the 印发 date
    assert parsed.year_from == "印发日期" and parsed.end is None
    assert parsed.line == 4
    assert parsed.title == "省地方志办召开党组中心组（扩大）学习会 传达学习中央、省委文件和会议精神"
    assert (parsed.type_name, parsed.type_hint) == ("理论学习中心组学习", "中心组")
    assert (parsed.units, parsed.hours) == (1, 3)
    assert (parsed.host, parsed.host_title) == ("陈建春", "党组书记、主任")
    assert parsed.studied == [
        "国家主席习近平二〇二一年新年贺词",
        "习近平在省部级主要领导干部学习贯彻党的十九届五中全会精神专题研讨班开班式上的重要讲话精神",
        "中国共产党地方组织选举工作条例",
        "中国共产党统一战线工作条例等党内法规",
        "彭清华在省委全面依法治省工作会议上的讲话精神",
        "《四川省选拔任用党政领导干部分析研判和动议工作办法》等规范性文件",
    ]
    assert parsed.documents == ["《四川省选拔任用党政领导干部分析研判和动议工作办法》"]
    assert parsed.speeches == [parsed.studied[0], parsed.studied[1], parsed.studied[4]]
    assert [(a.name, a.title, a.role) for a in parsed.attendees] == [
        ("陈建春", "党组书记、主任", "主持"), ("赵行", "副主任", "参加"),
        ("邓瑜", "机关党委书记", "参加"), ("陶利辉", "副主任", "参加")]
    assert parsed.groups == ["办机关及四川年鉴社副处级以上领导干部"]
    # The second article (a youth-league award) is not part of it.
    assert not any("团支部" in item or "阅青春" in item for item in parsed.studied)
    assert parsed.errors == []


def test_seed_002_after_the_briefing_masthead() -> None:
    parsed = read_activity(SEED_002)
    assert parsed.start == date(2020, 5, 21)  # the briefing is dated 2020-05-22
    assert parsed.year_from == "简报日期"
    assert parsed.title == "省地方志办召开党组中心组（扩大）学习会 传达学习中央、省委文件和会议精神"
    assert parsed.type_name == "理论学习中心组学习"
    assert parsed.host == "陈建春"
    assert parsed.studied == [
        "中共中央办公厅印发的《关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强作风保证"
        "的通知》等中央文件",
        "彭清华在省十三届人大三次会议闭幕式上的讲话",
        "全省巡视整改、机关党建、保密工作等有关文件",
    ]
    assert parsed.documents == [
        "《关于持续解决困扰基层的形式主义问题为决胜全面建成小康社会提供坚强作风保证的通知》"]
    assert parsed.speeches == ["彭清华在省十三届人大三次会议闭幕式上的讲话"]
    assert [(a.name, a.title) for a in parsed.attendees] == [
        ("陈建春", "党组书记、主任"), ("赵行", "办党组成员、副主任"),
        ("邓瑜", "办党组成员、机关党委书记"), ("陶利辉", "办党组成员、副主任")]
    assert parsed.groups == ["办机关及四川年鉴社副处级以上干部"]
    assert "《四川红军长征标语图志》（暂名）" not in parsed.documents  # from the opinions, not studied


def test_names_are_matched_against_the_roster_and_the_rest_listed() -> None:
    parsed = read_activity(SEED_001, roster=ROSTER)
    assert [(a.name, a.person_id) for a in parsed.matched] == [("邓瑜", 7)]
    assert parsed.unmatched == ["陈建春", "赵行", "陶利辉"]
    assert "花名册中没有：陈建春、赵行、陶利辉（未计入参加人员）。" in _messages(parsed, "warning")
    assert "参加人员还有“办机关及四川年鉴社副处级以上领导干部”，请从花名册中勾选。" in _messages(
        parsed, "warning")
    activity = parsed.to_activity()
    assert activity.attendees == [Attendance(7)]
    assert activity.source == SEED_001.name
    assert (activity.type_name, activity.start, activity.hours) == (
        "理论学习中心组学习", date(2021, 1, 12), 3)
    assert activity.note == "文中参加人员还有：办机关及四川年鉴社副处级以上领导干部"


def test_a_given_year_wins_with_a_warning() -> None:
    parsed = read_activity(SEED_002, year=2026)
    assert parsed.start == date(2026, 5, 21) and parsed.year_from == "指定"
    assert "文中活动日期为2020年5月21日，已按指定的2026年导入。" in _messages(parsed, "warning")


# --- Hand-made variants ----------------------------------------------------------------------

BROKEN = """县地方志办召开党组理论学习中心组

\u3000\u3000（扩大）学习会

3 月 5 日上午，县地方志办党组在机关三楼会议室召开理论学习中心组（扩大）学习会，

集中学习了《习近平谈治国理政》第四卷、《中国共产党纪律处分条例》和习近平总书记在

—2—

全国两会期间的重要讲话精神。会议由党组书记、主任孙立军主持。

副主任欧阳晓明，王丽、刘洋、赵敏、张三丰等同志参加学习。

县地方志办公室\u3000\u3000\u3000\u3000\u30002024年3月8日印发
"""


def test_broken_pdf_text_with_a_page_number_and_spaces_in_the_date() -> None:
    parsed = parse_text(BROKEN, roster=ROSTER)
    assert parsed.start == date(2024, 3, 5)
    assert parsed.title == "县地方志办召开党组理论学习中心组（扩大）学习会"
    assert parsed.place == "机关三楼会议室"
    assert (parsed.host, parsed.host_title) == ("孙立军", "党组书记、主任")  # 会议由…主持
    assert parsed.studied == ["《习近平谈治国理政》第四卷", "《中国共产党纪律处分条例》",
                              "习近平总书记在全国两会期间的重要讲话精神"]
    assert parsed.documents == ["《习近平谈治国理政》", "《中国共产党纪律处分条例》"]
    assert [(a.name, a.person_id) for a in parsed.attendees] == [
        ("孙立军", 1), ("欧阳晓明", 6), ("王丽", 2), ("刘洋", None), ("赵敏", 5),
        ("张三丰", None)]
    assert _messages(parsed, "warning") == ["花名册中没有：张三丰（未计入参加人员）。",
                                            "花名册中有重名：刘洋，请手动选择。"]
    assert [a.person_id for a in parsed.to_activity().attendees] == [1, 6, 2, 5]


def test_a_training_over_several_days_and_who_was_sent() -> None:
    parsed = parse_text(
        "县地方志办选派干部参加县委党校培训班\n"
        "2023年9月11日至15日，县地方志办组织年鉴编辑部王丽、赵敏参加县委党校第十二期中青年干部"
        "培训班，系统学习了党的二十大精神。", roster=ROSTER)
    assert (parsed.start, parsed.end) == (date(2023, 9, 11), date(2023, 9, 15))
    assert parsed.year_from == "文中"
    assert parsed.type_name == "脱产培训"
    assert (parsed.units, parsed.hours) == (5, 40)
    assert [(a.name, a.title, a.person_id) for a in parsed.attendees] == [
        ("王丽", "年鉴编辑部", 2), ("赵敏", "", 5)]
    assert parsed.studied == ["党的二十大精神"]
    assert parsed.errors == []


def test_a_lecture_with_a_speaker_a_group_and_a_list_of_names() -> None:
    parsed = parse_text(
        "县地方志办举办《民法典》专题讲座\n"
        "6月12日下午，县地方志办邀请县司法局副局长李明作《民法典》专题辅导。全体干部职工参加学习。\n"
        "参加人员：孙立军、王丽、赵敏", roster=ROSTER, year=2024)
    assert parsed.start == date(2024, 6, 12)
    assert parsed.type_name == "法治培训"  # 《民法典》
    assert parsed.speaker == "县司法局副局长李明"
    assert [a.person_id for a in parsed.attendees] == [1, 2, 5]
    assert parsed.groups == ["全体干部职工"]
    assert parsed.to_activity().note == "主讲：县司法局副局长李明；文中参加人员还有：全体干部职工"
    lecture = parse_text("7月3日，县地方志办邀请市委党校教授作专题讲座。", year=2024)
    assert lecture.type_name == "专题讲座" and lecture.hours == 4


def test_a_date_without_a_year_is_an_error_unless_given() -> None:
    text = ("县地方志办开展主题党日活动\n7月1日，县地方志办党支部组织全体党员开展“七一”主题党日活动，"
            "重温入党誓词。支部书记孙立军主持活动。")
    parsed = parse_text(text)
    assert parsed.start is None
    assert _messages(parsed, "error") == [
        "活动日期“7月1日”没有年份，文中也没有简报或印发日期，请指定年度。"]
    with pytest.raises(ValueError):
        parsed.to_activity()
    given = parse_text(text, year=2025, roster=ROSTER)
    assert given.start == date(2025, 7, 1) and given.errors == []
    assert given.type_name == "主题党日" and given.hours == 2
    assert (given.host, given.host_title) == ("孙立军", "支部书记")


def test_an_unknown_kind_of_meeting_needs_a_type() -> None:
    text = "县地方志办召开会议\n2024年7月1日，县地方志办召开全体会议，传达学习省委文件精神。"
    parsed = parse_text(text)
    assert _messages(parsed, "error") == ["无法判断学习类型，请选择学习类型。"]
    chosen = parse_text(text, type_name="业务培训")
    assert chosen.errors == [] and (chosen.type_name, chosen.hours) == ("业务培训", 4)
    assert _messages(parse_text(text, type_name="读书会"), "error") == [
        "没有“读书会”这种学习类型，请选择学习类型。"]


def test_a_second_report_in_the_same_text_is_named() -> None:
    text = ("县地方志办召开中心组学习会\n2024年3月5日，县地方志办召开中心组学习会，传达学习省委文件。\n"
            "县地方志办开展主题党日活动\n2024年3月20日，县地方志办党支部组织全体党员开展主题党日活动。")
    parsed = parse_text(text)
    assert parsed.start == date(2024, 3, 5) and parsed.type_name == "理论学习中心组学习"
    [second] = [p for p in parsed.problems if "另一次活动" in p.message]
    assert (second.line, second.message) == (4, "文中还报道了另一次活动，只导入了第一次。")
    assert parsed.groups == []  # 全体党员 belongs to the second report


def test_text_that_reports_no_activity_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="没有找到学习活动的报道"):
        read_activity(SAMPLES / "003_4e59df0e3bf8976e.txt")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnusableInput):
        read_activity(empty)


def test_gb18030_and_docx_files(tmp_path: Path) -> None:
    text = SEED_001.read_text(encoding="utf-8")
    legacy = tmp_path / "简讯.txt"
    legacy.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert read_activity(legacy).studied == read_activity(SEED_001).studied
    import docx

    document = docx.Document()
    for line in SEED_002.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "简讯.docx"
    document.save(str(path))
    from_docx = read_activity(path)
    assert from_docx.start == date(2020, 5, 21)
    assert from_docx.studied == read_activity(SEED_002).studied


def test_arbitrary_text_never_breaks_the_parser() -> None:
    rng = random.Random(20261123)
    pieces = ["1月12日", "，", "召开", "中心组", "学习会", "传达学习", "《", "》", "主持", "参加",
              "、", "。", "2021年1月13日印发", "\n", "—4—", "副主任", "赵行", "（", "）", "至",
              "15日", "13月40日", "组织", "全体党员", " ", "\u3000"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        with contextlib.suppress(UnusableInput):
            parse_text(text, roster=ROSTER)
