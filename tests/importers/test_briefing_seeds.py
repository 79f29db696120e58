"""The briefing parser on the two real issues: seed 001 (PDF text, no masthead) and seed 002."""

from __future__ import annotations

from datetime import date

from fangzhi_desktop.domain.briefings import TailFields
from fangzhi_desktop.importers.briefing import read_briefing
from tests.conftest import SAMPLES

SEED_001 = SAMPLES / "001_8f8c403cddf73fcf.txt"
SEED_002 = SAMPLES / "002_df6267391c5c8d51.txt"
TITLE_001_002 = "省地方志办召开党组中心组（扩大）学习会 传达学习中央、省委文件和会议精神"
TAIL = dict(bao="省直机关工委，省纪委监委驻省政府办公厅纪检监察组", song="", fa="机关各处，四川年鉴社",
            printer="四川省地方志工作办公室综合处", copies=12, disclosure="主动公开")


def test_seed_002_masthead() -> None:
    issue = read_briefing(SEED_002)
    assert issue.name == "四川省地方志办政工简讯"
    assert (issue.issue, issue.total_issue) == (2, 2)  # 第 2 期（总第 2 期）
    assert issue.issue_year == 2020
    assert issue.date == date(2020, 5, 22)  # 2020 年 5 月 22 日
    assert issue.publisher == "四川省地方志工作办公室"
    assert issue.problems == []


def test_seed_002_has_one_article_with_its_paragraphs_rejoined() -> None:
    issue = read_briefing(SEED_002)
    assert [a.title for a in issue.articles] == [TITLE_001_002]
    paragraphs = issue.articles[0].paragraphs
    assert len(paragraphs) == 8
    assert paragraphs[0].startswith("5月21日，省地方志办党组召开中心组（扩大）学习会，传达学习")
    # A page break split “（简 / 称“两全目标”）” over two lines: one paragraph again.
    assert "全覆盖（简称“两全目标”），是国务院下达" in paragraphs[1]
    assert paragraphs[3].startswith("一是抓好《四川红军长征标语图志》")
    assert paragraphs[3].endswith("进一步增强方志文化影响力。")  # 宣传弘扬、/ 开发利用 rejoined
    assert paragraphs[-1].endswith("副处级以上干部参加学习会。")
    assert not any("信息公开" in p or "印发" in p[-4:] for p in paragraphs)


def test_seed_002_tail_is_fields_not_text() -> None:
    tail = read_briefing(SEED_002).tail
    assert tail == TailFields(print_date=date(2020, 5, 22), **TAIL)


def test_seed_001_is_two_articles_without_masthead() -> None:
    issue = read_briefing(SEED_001)
    assert issue.issue is None and issue.name == ""
    assert [p.message for p in issue.problems if p.severity == "error"] == []
    titles = [a.title for a in issue.articles]
    assert titles == [
        TITLE_001_002,
        "省地方志办团支部获“阅青春·阅努力·阅初心·阅践行”省直机关青年读习语金句网络接力分享赛组织奖"]
    assert issue.article_lines == [1, 76]


def test_seed_001_paragraphs_are_rebuilt_from_pdf_lines() -> None:
    first, second = read_briefing(SEED_001).articles
    assert first.paragraphs[0] == (
        "1月12日，省地方志办党组召开中心组（扩大）学习会，传达学习国家主席习近平二〇二一年新年贺词，"
        "习近平在省部级主要领导干部学习贯彻党的十九届五中全会精神专题研讨班开班式上的重要讲话精神，"
        "中国共产党地方组织选举工作条例，中国共产党统一战线工作条例等党内法规，彭清华在省委全面依法"
        "治省工作会议上的讲话精神和《四川省选拔任用党政领导干部分析研判和动议工作办法》等规范性文件。"
        "党组书记、主任陈建春主持会议。")
    assert [p[:2] for p in first.paragraphs] == ["1月", "结合", "一、", "二、", "三、", "副主"]
    # A heading broken at the margin runs on; a line ending 。 at the margin runs on too.
    assert first.paragraphs[2].startswith("一、切实加强党的十九届五中全会和省委十一届八次全会精神学习，")
    assert "贡献力量。要切实强化依法治志工作" in first.paragraphs[3]
    assert len(second.paragraphs) == 6
    # The page number —4— between “汲取奋斗 / 力量的” is gone and the sentence whole.
    assert "在习语金句中汲取奋斗力量的。全办青年干部" in second.paragraphs[3]
    assert second.paragraphs[1].endswith("主要特点是：")
    assert second.paragraphs[2].startswith("活动参与度高。")
    assert "共有23名青年干部" in second.paragraphs[2]  # “共有 23 / 名” without stray spaces


def test_seed_001_tail_and_date_from_the_printing_line() -> None:
    issue = read_briefing(SEED_001)
    assert issue.tail == TailFields(print_date=date(2021, 1, 13), **TAIL)
    assert issue.date == date(2021, 1, 13)
    assert any("按印发日期" in p.message for p in issue.problems)
