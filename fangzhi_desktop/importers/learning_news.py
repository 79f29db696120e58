"""A learning activity from the news text that reports it (a 简讯 article, a web post, a .docx).

Offices write these the same way (seeds 001 and 002)::

    省地方志办召开党组中心组（扩大）学习会            ← the headline (one or two lines)
    1月 12日，省地方志办党组召开中心组（扩大）学习会，传达学习国家主席习近平……讲话精神，
    ……和《四川省选拔任用党政领导干部分析研判和动议工作办法》等规范性文件。党组书记、主任
    陈建春主持会议。……
    副主任赵行、机关党委书记邓瑜、副主任陶利辉，办机关及四川年鉴社副处级以上领导干部参加学习会。

The parser reads the date (the year from the text, the briefing's date or the 印发 date, or as
given), the type (中心组学习会 → 理论学习中心组学习), the host (…主持会议), what was studied (the
传达学习… clause, split into documents and speeches, 《…》 titles kept whole), the place, and the
people named as attending, matched against the roster by name. Whatever it cannot settle is a
problem: errors (no date, no type) block saving, warnings (names not in the roster, groups such as
"副处级以上领导干部" that the user must pick from the roster) do not. The GUI shows the result in a
confirmation form; the command line prints it.

The text is often extracted from PDF: lines broken mid-sentence, page numbers (``—4—``), stray
spaces inside dates (``1月 12日``), U+3000 indents and a second article after the first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from fangzhi_desktop.domain.learning import (
    DEFAULT_RULES,
    Activity,
    Attendance,
    HourRule,
    format_hours,
    rules_by_name,
)
from fangzhi_desktop.domain.people import Person, normalise_name
from fangzhi_desktop.errors import Problem, UnusableInput
from fangzhi_desktop.importers.text_lines import (
    FULL_DIGITS,
    ITEM,
    SECTION,
    clean_lines,
    compact,
)
from fangzhi_desktop.importers.text_source import SourceLine, read_lines, split_lines

# --- Patterns --------------------------------------------------------------------------------

_DASHES = "至到—－\\-~～–"
_DATE = re.compile(
    rf"(?:(?P<y>(?:19|20)\d\d)年)?(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日"
    rf"(?:[{_DASHES}]+(?:(?P<y2>(?:19|20)\d\d)年)?(?:(?P<m2>\d{{1,2}})月)?(?P<d2>\d{{1,2}})日)?"
    r"(?:（(?:星期|周)[一二三四五六日天]）)?(?:[上下]午|晚上?|早上)?")
# What happens on the day: the verb of an activity report, within a few dozen characters.
_EVENT = re.compile(r"召开|举行|举办|组织|开展|集中学习|传达学习|专题学习|参加|邀请|前往|赴|走进|来到")
_LEARNING_WORDS = re.compile(r"学习|讲座|培训|党日|党课|中心组|辅导|研讨|报告会|读书班|宣讲")
_FULL_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_DATE_ONLY_LINE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")
_PRINTED = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日印发")
_ISSUE_LINE = re.compile(r"^第[0-9一二三四五六七八九十〇]+期|期（总第|^（总第|(?:简讯|简报|动态|快报|通讯|专报|信息)$")
_BANJI = re.compile(r"^(?:信息公开选项|报[：:]|送[：:]|发[：:]|抄送[：:]|（共印)|印发$")
_SENTENCE_END = "。！？!?"
_NO_PUNCTUATION = re.compile(r"^[^，。；：！？,;:!?]+$")

# Type guesses, most specific first: (pattern, type name).
TYPE_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"中心组", "理论学习中心组学习"),
    (r"主题党日", "主题党日"),
    (r"党员大会|支委会|支部委员会|党小组会|专题党课|讲党课|党课|三会一课|组织生活会", "三会一课"),
    (r"网络学院|网络学习|网上学习|在线学习|网络培训|网络专题班|学习强国", "网络学习"),
    (r"脱产|党校.{0,12}(?:班|培训)|进修班|中青班|培训班.{0,6}(?:为期|期间)", "脱产培训"),
    (r"法治|普法|宪法|民法典|法律知识|法规.{0,4}培训|学法用法", "法治培训"),
    (r"讲座|专题辅导|辅导报告|报告会|宣讲", "专题讲座"),
    (r"业务培训|培训班|培训会|业务学习|以会代训|业务讲座", "业务培训"),
    (r"自学|读书笔记|个人学习", "自学"),
)

# What was studied follows one of these (the earliest in the sentence wins).
_STUDIED = re.compile(
    r"(?:传达学习了?|集中学习了?|专题学习了?|认真学习了?|深入学习了?|原原本本学习了?|"
    r"学习传达了?|传达了|学习了|领学了?|学习贯彻了)(?![会班])")
_HOST = re.compile(r"(?:由(?P<by>[^，。；]{2,40}?)主持)|(?P<who>[^，。；]{2,40}?)主持(?!人)")
_PLACE = re.compile(
    r"在(?P<place>[^，。；在]{2,30}?(?:会议室|报告厅|多功能厅|会场|礼堂|活动室|教室|党校|基地|"
    r"纪念馆|展览馆|方志馆|博物馆|旧址|故居|广场|大厅|大楼|中心|室|馆|厅))"
    r"(?:召开|举行|举办|开展|组织|集中|参加|进行)")
_SPEAKER = re.compile(r"(?:邀请|特邀|请)(?P<who>[^，。；]{2,40}?)(?:作|做|进行|讲授|授课|辅导|宣讲)")
_ATTEND_VERB = re.compile(
    r"(?:等(?:[0-9一二三四五六七八九十]+(?:名|位|人))?(?:同志|人员|人)?)?"
    r"(?:参加|出席|列席|参与)了?(?:本次|此次|这次)?"
    r"(?:会议|学习会|学习|活动|主题党日活动|讲座|培训|培训班|集中学习|座谈|研讨|党课)?$")
_ATTEND_LIST = re.compile(r"(?:参加人员|参会人员|出席人员|参学人员|参加学习的有|参加会议的有|"
                          r"参加培训的有|参加人)[：:](?P<who>.+)$")
TITLE_WORDS = (
    "副主任", "主任", "副书记", "书记", "成员", "委员", "副局长", "局长", "副部长", "部长",
    "副馆长", "馆长", "副科长", "科长", "副社长", "社长", "副院长", "院长", "副处长", "处长",
    "所长", "副主编", "主编", "总编", "组长", "秘书长", "负责人", "主任科员", "调研员", "干事",
    "科员", "专干", "馆员", "编辑", "教授", "讲师", "研究员", "党员", "代表",
)
_TITLE_NAME = re.compile(
    r"^(?P<title>.*(?:" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r"))"
    r"(?P<name>[\u4e00-\u9fff·]{2,4})$")
_ENDS_WITH_TITLE = re.compile("(?:" + "|".join(TITLE_WORDS) + ")$")
_GROUP_WORDS = re.compile(r"以上|全体|干部|职工|党员|同志们|人员|各科室|各处室|各部门|机关|全办|全局|"
                          r"负责人$|代表$|群众|青年")
# Common surnames (the first character of a name found without the roster).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
    "蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠"
    "荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹"
    "井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰"
    "赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝"
    "智幸奉植衡富尧闭由")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
                     "长孙", "宇文", "司徒", "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延")


class _Report(Protocol):
    def __call__(self, message: str, severity: str = "warning",
                 line: int | None = None) -> None: ...


# --- Result ----------------------------------------------------------------------------------


@dataclass
class ParsedAttendee:
    """A person the text names as taking part; ``person_id`` once matched in the roster."""

    name: str
    title: str = ""
    role: str = "参加"  # 主持 or 参加
    person_id: int | None = None
    candidates: int = 0  # people of this name in the roster

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "title": self.title or None, "role": self.role,
                "person_id": self.person_id, "in_roster": self.candidates}


@dataclass
class ParsedActivity:
    """What a news text says about one learning activity, for the user to confirm."""

    source: str = ""
    line: int | None = None  # where the report of the activity starts
    title: str = ""
    type_name: str = ""
    type_hint: str = ""  # the words the type was guessed from
    start: date | None = None
    end: date | None = None
    year_from: str = ""  # 文中 / 简报日期 / 印发日期 / 指定
    host: str = ""
    host_title: str = ""
    speaker: str = ""  # 邀请…作专题辅导: the lecturer, as the text names them
    place: str = ""
    studied: list[str] = field(default_factory=list)
    attendees: list[ParsedAttendee] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # "办机关…副处级以上领导干部"
    units: float | None = None
    hours: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def documents(self) -> list[str]:
        """Every 《…》 title among what was studied, in order, each once."""
        seen: list[str] = []
        for item in self.studied:
            for title in _book_titles(item):
                if title not in seen:
                    seen.append(title)
        return seen

    @property
    def speeches(self) -> list[str]:
        """The studied items that are speeches (讲话, 贺词, 重要指示…)."""
        return [item for item in self.studied if _SPEECH.search(item)]

    @property
    def matched(self) -> list[ParsedAttendee]:
        return [a for a in self.attendees if a.person_id is not None]

    @property
    def unmatched(self) -> list[str]:
        return [a.name for a in self.attendees if a.person_id is None]

    def to_activity(self) -> Activity:
        """The activity to save: matched attendees, the host among them (errors unresolved
        raise ``ValueError``: check ``errors`` first)."""
        if self.start is None or not self.type_name:
            raise ValueError("the parse has errors")
        attendees: list[Attendance] = []
        for person in self.matched:
            if person.person_id not in {a.person_id for a in attendees}:
                attendees.append(Attendance(person.person_id))  # type: ignore[arg-type]
        return Activity(
            type_name=self.type_name, start=self.start, end=self.end, title=self.title,
            host=self.host, studied=list(self.studied), place=self.place, units=self.units,
            hours=self.hours, attendees=attendees, source=Path(self.source).name,
            note="；".join(filter(None, [
                f"主讲：{self.speaker}" if self.speaker else "",
                ("文中参加人员还有：" + "、".join(self.groups)) if self.groups else ""])))

    def as_json(self) -> dict[str, object]:
        return {
            "source": self.source or None,
            "line": self.line,
            "title": self.title,
            "type": self.type_name or None,
            "type_hint": self.type_hint or None,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "year_from": self.year_from or None,
            "host": self.host or None,
            "host_title": self.host_title or None,
            "speaker": self.speaker or None,
            "place": self.place or None,
            "studied": list(self.studied),
            "documents": self.documents,
            "speeches": self.speeches,
            "attendees": [a.as_json() for a in self.attendees],
            "unmatched": self.unmatched,
            "groups": list(self.groups),
            "units": self.units,
            "hours": self.hours,
            "problems": [{"severity": p.severity, "line": p.line, "message": p.message}
                         for p in self.problems],
        }


_SPEECH = re.compile(r"讲话|贺词|致辞|重要指示|批示|重要论述|报告精神|讲稿|发言|署名文章")
_BOOK = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")


def _book_titles(text: str) -> list[str]:
    return _BOOK.findall(text)


# --- Entry points ----------------------------------------------------------------------------


def read_activity(path: str | Path, *, year: int | None = None,
                  roster: Sequence[Person] = (), rules: Sequence[HourRule] = DEFAULT_RULES,
                  type_name: str | None = None) -> ParsedActivity:
    """Read a .txt (any encoding) or .docx news text and parse the activity it reports."""
    path = Path(path)
    return parse_lines(read_lines(path), year=year, roster=roster, rules=rules,
                       type_name=type_name, source=str(path))


def parse_text(text: str, *, year: int | None = None, roster: Sequence[Person] = (),
               rules: Sequence[HourRule] = DEFAULT_RULES, type_name: str | None = None,
               source: str = "") -> ParsedActivity:
    return parse_lines(split_lines(text), year=year, roster=roster, rules=rules,
                       type_name=type_name, source=source)


def parse_lines(raw: list[SourceLine], *, year: int | None = None,
                roster: Sequence[Person] = (), rules: Sequence[HourRule] = DEFAULT_RULES,
                type_name: str | None = None, source: str = "") -> ParsedActivity:
    """Parse numbered source lines; problems are collected, not raised.

    ``year`` and ``type_name`` override what the text says. ``roster`` is matched by name;
    ``rules`` are the office's types (the guess must be one of them). Raises ``UnusableInput``
    only when the text reports no dated activity at all.
    """
    name = Path(source).name if source else "输入文本"
    lines = [SourceLine(line.number, line.text.translate(FULL_DIGITS))
             for line in clean_lines(raw)]
    flat = [compact(line.text) for line in lines]
    anchors = _anchors(flat)
    if not anchors:
        raise UnusableInput(f"{name}：没有找到学习活动的报道（应有“X月X日，……召开/举行……学习”这样的句子）。")
    at, offset, match = anchors[0]
    result = ParsedActivity(source=source, line=lines[at].number)

    def problem(message: str, severity: str = "warning", line: int | None = None) -> None:
        result.problems.append(Problem(message, file=source or None,
                                       line=line if line is not None else result.line,
                                       severity=severity))

    end = _article_end(flat, at)
    for later, _, _ in anchors[1:]:
        if later < end:
            continue
        problem("文中还报道了另一次活动，只导入了第一次。", line=lines[later].number)
        break
    body = "".join(flat[at:end])[offset:]
    sentences = _sentences(body)
    headline = _headline(lines, flat, at)
    result.title = headline or _event_phrase(sentences[0] if sentences else "")
    if not headline:
        problem("没有找到标题，已用报道中的会议名称作为活动名称，请核对。")
    _read_dates(result, match, flat, at, year, problem)
    if type_name:
        if type_name in rules_by_name(rules):
            result.type_name, result.type_hint = type_name, "指定"
        else:
            problem(f"没有“{type_name}”这种学习类型，请选择学习类型。", "error")
    else:
        _guess_type(result, headline, sentences[0] if sentences else "", rules, problem)
    _read_host(result, sentences, roster)
    if not result.host:
        problem("没有找到主持人（“……主持会议”）。")
    result.place = _place(sentences[0] if sentences else "")
    speaker = _SPEAKER.search(sentences[0] if sentences else "")
    result.speaker = speaker["who"] if speaker else ""
    result.studied = _studied(sentences)
    if not result.studied:
        problem("没有找到学习内容（“传达学习……”）。")
    result.attendees += _attendees(sentences, roster, result)
    _match(result, roster, problem)
    if not result.attendees and not result.groups:
        problem("文中没有写明参加人员，请从花名册中选择。")
    if result.groups:
        problem(f"参加人员还有“{'；'.join(result.groups)}”，请从花名册中勾选。")
    _hours(result, rules)
    return result


# --- Where the report is ---------------------------------------------------------------------


def _anchors(flat: list[str]) -> list[tuple[int, int, re.Match[str]]]:
    """Lines starting a dated report: (line index, offset of the date, the date match)."""
    found = []
    for i, text in enumerate(flat):
        if _BANJI.search(text) or _DATE_ONLY_LINE.match(text) or _PRINTED.search(text):
            continue
        window = text + "".join(flat[i + 1:i + 3])  # a sentence broken over lines
        for m in _DATE.finditer(text):
            after = window[m.end():m.end() + 80]
            event = _EVENT.search(after)
            if event is None or event.start() > 50:
                continue
            if _LEARNING_WORDS.search(window[m.start():m.end() + 120]):
                found.append((i, m.start(), m))
                break
    return found


def _article_end(flat: list[str], at: int) -> int:
    """The index after the last line of the article starting at ``at``: the 版记, or the
    headline of the next article (a short line without punctuation after a finished one)."""
    for i in range(at + 1, len(flat)):
        text = flat[i]
        if _BANJI.search(text) or _PRINTED.search(text):
            return i
        if (flat[i - 1].endswith(tuple(_SENTENCE_END)) and len(text) <= 24
                and _NO_PUNCTUATION.match(text) and not _is_numbered(text)):
            return i
    return len(flat)


def _is_numbered(text: str) -> bool:
    return bool(SECTION.match(text) or ITEM.match(text)
                or re.match(r"^[一二三四五六七八九十]+是", text))


def _headline(lines: list[SourceLine], flat: list[str], at: int) -> str:
    """The one to three short lines just above the report: not the briefing's masthead (its
    date line, 期号 or name) and not the end of a previous article."""
    parts: list[str] = []
    i = at - 1
    while i >= 0 and len(parts) < 3:
        text = flat[i]
        if (not text or len(text) > 60 or text[-1] in _SENTENCE_END + "；;，,：:"
                or _FULL_DATE.search(text) or _ISSUE_LINE.search(text) or _BANJI.search(text)):
            break
        parts.insert(0, lines[i].text.strip())
        i -= 1
    title = ""
    for part in parts:  # a title broken before a bracket continues; a subtitle gets a space
        glue = "" if not title or part[0] in "（(《〈“—" or title[-1] in "（(《〈“、" else " "
        title += glue + part
    return title


def _event_phrase(sentence: str) -> str:
    """``中心组（扩大）学习会`` from ``…党组召开中心组（扩大）学习会，…``."""
    clause = re.split(r"[，,；;]", _DATE.sub("", sentence, count=1).lstrip("，,"), maxsplit=1)
    text = clause[0] if clause else ""
    m = re.search(r"(?:召开|举行|举办|组织开展|开展|组织)(.+)$", text)
    return (m[1] if m else text)[:40]


def _sentences(body: str) -> list[str]:
    """Sentences of the article (without their end mark), 《…》 and （…） kept whole — unless a
    bracket is never closed (broken PDF text), which must not swallow the rest."""
    out: list[str] = []
    current = ""
    depth = 0
    for ch in body:
        if ch in "《（(“":
            depth += 1
        elif ch in "》）)”" and depth:
            depth -= 1
        if ch in _SENTENCE_END and (depth == 0 or len(current) > _MAX_BRACKETED):
            if current:
                out.append(current)
            current = ""
            depth = 0
        else:
            current += ch
    if current:
        out.append(current)
    return out


_MAX_BRACKETED = 300


# --- Date ------------------------------------------------------------------------------------


def _read_dates(result: ParsedActivity, match: re.Match[str], flat: list[str], at: int,
                year: int | None, problem: _Report) -> None:
    month, day = int(match["m"]), int(match["d"])
    context, where = _context_date(flat, at)
    written = int(match["y"]) if match["y"] else None
    if written:
        found_year, result.year_from = written, "文中"
    elif context is not None:
        found_year = context.year - (1 if (month, day) > (context.month, context.day) else 0)
        result.year_from = where
    else:
        found_year = None
    if year:
        if found_year and found_year != year:
            problem(f"文中活动日期为{found_year}年{month}月{day}日，已按指定的{year}年导入。")
        found_year, result.year_from = year, "指定"
    if found_year is None:
        problem(f"活动日期“{month}月{day}日”没有年份，文中也没有简报或印发日期，"
               "请指定年度。", "error")
        return
    try:
        result.start = date(found_year, month, day)
    except ValueError:
        problem(f"活动日期“{found_year}年{month}月{day}日”不是有效日期。", "error")
        return
    if match["d2"]:
        end_year = int(match["y2"]) if match["y2"] else found_year
        end_month = int(match["m2"]) if match["m2"] else month
        if end_month < month and not match["y2"]:
            end_year += 1
        try:
            end = date(end_year, end_month, int(match["d2"]))
        except ValueError:
            problem(f"结束日期“{end_month}月{match['d2']}日”不是有效日期。", "error")
            return
        if end < result.start:
            problem("结束日期早于开始日期，请核对。", "error")
            return
        result.end = end if end != result.start else None


def _context_date(flat: list[str], at: int) -> tuple[date | None, str]:
    """The briefing's own date (a date line above the report) or its 印发 date."""
    for i in range(at - 1, -1, -1):
        m = _DATE_ONLY_LINE.match(flat[i])
        if m:
            found = _safe_date(m)
            if found:
                return found, "简报日期"
    for text in flat[at:]:
        m = _PRINTED.search(text)
        if m:
            found = _safe_date(m)
            if found:
                return found, "印发日期"
    return None, ""


def _safe_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# --- Type ------------------------------------------------------------------------------------


def _guess_type(result: ParsedActivity, headline: str, first: str,
                rules: Sequence[HourRule], problem: _Report) -> None:
    known = rules_by_name(rules)
    for text in (compact(headline), first):
        for pattern, type_name in TYPE_KEYWORDS:
            m = re.search(pattern, text)
            if m:
                result.type_hint = m[0]
                if type_name in known:
                    result.type_name = type_name
                else:
                    problem(f"按“{m[0]}”应为“{type_name}”，但学习类型中没有这一类，请选择学习类型。",
                            "error")
                return
    problem("无法判断学习类型，请选择学习类型。", "error")


def _hours(result: ParsedActivity, rules: Sequence[HourRule]) -> None:
    rule = rules_by_name(rules).get(result.type_name)
    if rule is None or result.start is None:
        return
    result.units = rule.default_units(result.start, result.end)
    result.hours = rule.hours_for(result.units)


# --- Host, place and what was studied --------------------------------------------------------


def _read_host(result: ParsedActivity, sentences: list[str], roster: Sequence[Person]) -> None:
    names = _roster_names(roster)
    for sentence in sentences:
        for clause in re.split(r"[，,；;]", sentence):
            m = _HOST.search(clause)
            if m is None:
                continue
            who = (m["by"] or m["who"] or "").strip()
            who = re.sub(r"^(?:本次|此次)?(?:会议|学习会|学习|活动|讲座|培训)?由", "", who)
            title, name = _split_name(who, names)
            if name:
                result.host, result.host_title = name, title
                result.attendees.append(ParsedAttendee(name, title, "主持"))
                return


def _place(sentence: str) -> str:
    m = _PLACE.search(sentence)
    return m["place"] if m else ""


def _studied(sentences: list[str]) -> list[str]:
    """The items of the 传达学习… clauses: consecutive sentences from the first one with such
    a clause (within the first three sentences)."""
    items: list[str] = []
    started = False
    for n, sentence in enumerate(sentences):
        m = _STUDIED.search(sentence)
        if m is None:
            if started or n >= 3:
                break
            continue
        started = True
        items += _split_items(sentence[m.end():])
    return items


def _split_items(clause: str) -> list[str]:
    """Split at ，；and 以及 outside 《》（）“”; at 、和及与 only next to a 《…》."""
    items: list[str] = []
    current = ""
    depth = 0
    i = 0
    while i < len(clause):
        ch = clause[i]
        if ch in "《（(“":
            depth += 1
        elif ch in "》）)”" and depth:
            depth -= 1
        if depth == 0:
            if ch in "，,；;":
                items.append(current)
                current = ""
                i += 1
                continue
            if clause.startswith("以及", i):
                items.append(current)
                current = ""
                i += 2
                continue
            if ch in "和及与、" and current and (clause[i + 1:i + 2] == "《"
                                             or current.endswith("》")):
                items.append(current)
                current = ""
                i += 1
                continue
        current += ch
        i += 1
    items.append(current)
    cleaned = []
    for item in items:
        item = re.sub(r"^(?:和|及|与|并|还|同时)", "", item.strip())
        if item:
            cleaned.append(item)
    return cleaned


# --- People ----------------------------------------------------------------------------------


def _roster_names(roster: Sequence[Person]) -> list[str]:
    """Roster names, longest first (a suffix match prefers 欧阳晓明 over 晓明)."""
    return sorted({normalise_name(p.name) for p in roster if p.name}, key=len, reverse=True)


def _split_name(piece: str, names: Sequence[str]) -> tuple[str, str]:
    """``(title, name)`` of ``副主任赵行``; ``("", "")`` when no name can be told."""
    piece = re.sub(r"(?:等)?同志$|等$|等人$", "", piece.strip())
    for name in names:
        if piece.endswith(name) and len(name) >= 2:
            return piece[:-len(name)], name
    m = _TITLE_NAME.match(piece)
    if m and _looks_like_name(m["name"]):
        return m["title"], m["name"]
    if 2 <= len(piece) <= 4 and _looks_like_name(piece) and not _GROUP_WORDS.search(piece) \
            and not _ENDS_WITH_TITLE.search(piece):
        return "", piece
    return "", ""


def _looks_like_name(text: str) -> bool:
    if not 2 <= len(text) <= 4 or _ENDS_WITH_TITLE.search(text):
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return len(text) >= 3
    return text[0] in SURNAMES and len(text) <= 3


def _attendees(sentences: list[str], roster: Sequence[Person],
               result: ParsedActivity) -> list[ParsedAttendee]:
    """The people named as attending, from every sentence saying who attended (``A、B参加
    学习会``, ``参加人员：A、B``, ``组织A、B参加…培训``); groups go to ``result.groups``."""
    names = _roster_names(roster)
    people: list[ParsedAttendee] = []
    for n, sentence in enumerate(sentences):
        who = _who_attended(sentence, first=n == 0)
        if who:
            people += _people_in(who, names, result)
    return people


def _who_attended(sentence: str, *, first: bool) -> str:
    m = _ATTEND_LIST.search(sentence)
    if m:
        return m["who"]
    verb = _ATTEND_VERB.search(sentence)
    if verb is not None and verb.start() > 0:
        clauses = re.split(r"[，,；;]", sentence[:verb.start()])
        who_clauses: list[str] = []
        for clause in reversed(clauses):
            led = _LED_BY.search(clause)
            if led:  # 组织全体党员…: only who was led
                who_clauses.insert(0, clause[led.end():])
                break
            if _DATE.search(clause) or _NOT_PEOPLE.search(clause):
                break
            who_clauses.insert(0, clause)
        return "，".join(who_clauses)
    if first:  # 组织A、B参加…培训班: only where the report begins
        for clause in re.split(r"[，,；;]", sentence):
            m = _SENT_TO.search(clause)
            if m:
                return m["who"]
    return ""


_SENT_TO = re.compile(r"(?:组织|选派|安排|带领|率领|推荐)(?P<who>[^，。；]{2,60}?)"
                      r"(?:参加|出席|赴|前往|到)")
_LED_BY = re.compile(r".*(?:组织|带领|率领|动员)")
_NOT_PEOPLE = re.compile(r"应邀|授课|讲解|主持|召开|举行|传达|围绕|进行|作了|辅导|要求|强调|指出")


def _people_in(who: str, names: Sequence[str], result: ParsedActivity) -> list[ParsedAttendee]:
    people: list[ParsedAttendee] = []
    for segment in re.split(r"[，,；;]|以及", who):
        pending = ""
        for piece in re.split(r"[、]", segment):
            piece = re.sub(r"^(?:和|及|与)", "", piece.strip())
            if not piece:
                continue
            title, name = _split_name(piece, names)
            if name:
                people.append(ParsedAttendee(name, pending + ("、" if pending and title else "")
                                             + title))
                pending = ""
            elif _ENDS_WITH_TITLE.search(piece) and not _GROUP_WORDS.search(piece[:-2]):
                pending = piece if not pending else f"{pending}、{piece}"
            else:
                result.groups.append(piece)
                pending = ""
    return people


def _match(result: ParsedActivity, roster: Sequence[Person], problem: _Report) -> None:
    """Match names against the roster; drop repeats (the host named again as attending)."""
    by_name: dict[str, list[Person]] = {}
    for person in roster:
        by_name.setdefault(normalise_name(person.name), []).append(person)
    unique: list[ParsedAttendee] = []
    for attendee in result.attendees:
        if any(a.name == attendee.name for a in unique):
            continue
        unique.append(attendee)
        found = by_name.get(attendee.name, [])
        attendee.candidates = len(found)
        if len(found) == 1:
            attendee.person_id = found[0].id
    result.attendees = unique
    if not roster:
        if unique:
            problem("没有花名册，文中人员都未匹配，请先导入花名册。")
        return
    missing = [a.name for a in unique if a.candidates == 0]
    several = [a.name for a in unique if a.candidates > 1]
    if missing:
        problem(f"花名册中没有：{'、'.join(missing)}（未计入参加人员）。")
    if several:
        problem(f"花名册中有重名：{'、'.join(several)}，请手动选择。")


def describe(parsed: ParsedActivity) -> str:
    """One line for the user: ``2021年1月12日 理论学习中心组学习「…」3学时，参加4人``."""
    when = (f"{parsed.start.year}年{parsed.start.month}月{parsed.start.day}日"
            if parsed.start else "日期未定")
    if parsed.start and parsed.end:
        when += f"至{parsed.end.month}月{parsed.end.day}日"
    hours = f"{format_hours(parsed.hours)}学时，" if parsed.type_name else ""
    return (f"{when} {parsed.type_name or '类型未定'}「{parsed.title}」{hours}"
            f"文中{len(parsed.attendees)}人，其中花名册匹配{len(parsed.matched)}人")
