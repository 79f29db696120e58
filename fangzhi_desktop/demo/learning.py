"""Demo staff learning: a made-up roster of a county 地方志办公室 (25 people, valid ID numbers),
the 中心组学习会 of seeds 001 and 002 imported through the news importer and re-dated into the
current year, and a realistic year of activities up to ``today`` — monthly 主题党日, quarterly
党课, two 业务培训, two 法治培训 (work point 36 of seed 003 asks for them), a 专题讲座, two
脱产培训, quarterly 网络学习 records and some 自学 — plus the year before, so that hours carry
over and an online course crosses the year end.

On 2026-11-23 most people have reached their requirement and four are short: a 副主任 who
missed the leaders' training (110 学时 for 正科/副科), a cadre on sick leave in spring, one who
did little online study and a recruit who joined in July.

All people are invented; their names, ID numbers and phone numbers belong to no one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fangzhi_desktop.domain.learning import Activity, Attendance, HourRule
from fangzhi_desktop.domain.people import Person, id_check_char
from fangzhi_desktop.importers.learning_news import read_activity
from fangzhi_desktop.paths import sample_path
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import learning as store
from fangzhi_desktop.storage.database import transaction
from fangzhi_desktop.storage.people import list_people, save_people

SEED_MEETINGS = ("001_8f8c403cddf73fcf.txt", "002_df6267391c5c8d51.txt")
REGION = "220322"  # a county of 四平市, 吉林省
PARTY = ("中共党员", "中共预备党员")
LEADERS = "办领导"
ROSTER_SOURCE = "演示花名册.xlsx"


@dataclass(frozen=True)
class _Staff:
    name: str
    male: bool
    born: date
    department: str
    position: str
    rank: str
    political: str
    work_start: str  # YYYY-MM; "new" = joined this July
    online: tuple[float, float, float, float]  # 网络学习 hours per quarter, this year
    online_before: float  # 网络学习 hours of the whole previous year
    education: str = "大学"
    degree: str = "学士"
    region: str = REGION


# 办领导 and the heads of the four 科室 form the 中心组（扩大）.
STAFF: tuple[_Staff, ...] = (
    _Staff("孙立军", True, date(1971, 5, 16), LEADERS, "主任", "正科", "中共党员", "1993-07",
           (10, 12, 14, 10), 62, "研究生", "硕士"),
    _Staff("王淑华", False, date(1976, 9, 3), LEADERS, "副主任", "副科", "中共党员", "1998-08",
           (6, 8, 10, 8), 50),
    _Staff("李建国", True, date(1973, 2, 21), LEADERS, "副主任（兼机关党支部书记）", "副科",
           "中共党员", "1995-07", (8, 10, 12, 10), 60),
    _Staff("张晓梅", False, date(1982, 11, 8), "办公室", "办公室主任", "一级主任科员", "中共党员",
           "2004-08", (12, 14, 14, 12), 48),
    _Staff("赵敏", False, date(1990, 3, 27), "办公室", "科员", "四级主任科员", "中共党员",
           "2012-09", (14, 16, 14, 12), 44),
    _Staff("周海涛", True, date(1987, 7, 14), "办公室", "科员", "三级主任科员", "中共党员",
           "2010-07", (16, 14, 16, 10), 52, region="220302"),
    _Staff("郭亚楠", False, date(1995, 12, 2), "办公室", "科员", "一级科员", "共青团员",
           "2018-09", (22, 24, 22, 16), 64),
    _Staff("韩志远", True, date(1999, 4, 19), "办公室", "科员", "试用期", "群众", "new",
           (0, 0, 30, 10), 0),
    _Staff("陈志强", True, date(1979, 8, 30), "年鉴编辑部", "年鉴编辑部主任", "一级主任科员",
           "中共党员", "2001-07", (12, 12, 14, 10), 40),
    _Staff("刘洋", True, date(1986, 1, 11), "年鉴编辑部", "编辑", "三级主任科员", "中共党员",
           "2009-07", (14, 14, 16, 12), 46),
    _Staff("王丽", False, date(1988, 6, 5), "年鉴编辑部", "编辑", "四级主任科员", "中共党员",
           "2011-08", (16, 16, 14, 12), 54),
    _Staff("马春燕", False, date(1984, 10, 23), "年鉴编辑部", "编辑", "二级主任科员", "中共党员",
           "2007-07", (14, 18, 16, 12), 42),
    _Staff("杨帆", True, date(1992, 2, 9), "年鉴编辑部", "编辑", "一级科员", "中共党员",
           "2015-09", (10, 12, 12, 10), 38, "研究生", "硕士"),
    _Staff("徐婷婷", False, date(1993, 9, 17), "年鉴编辑部", "编辑", "一级科员", "群众",
           "2016-08", (22, 24, 24, 16), 66),
    _Staff("高明", True, date(1968, 3, 6), "年鉴编辑部", "编辑", "一级主任科员", "中共党员",
           "1990-12", (14, 14, 14, 10), 40, "大专", ""),
    _Staff("林国栋", True, date(1977, 12, 12), "编研科", "科长", "二级主任科员", "中共党员",
           "2000-07", (12, 14, 12, 10), 44),
    _Staff("黄雅琴", False, date(1985, 4, 28), "编研科", "科员", "三级主任科员", "中共党员",
           "2008-07", (5, 0, 20, 10), 40),
    _Staff("吴振宇", True, date(1990, 8, 1), "编研科", "科员", "四级主任科员", "中共党员",
           "2013-07", (10, 10, 12, 10), 36, region="220323"),
    _Staff("宋佳怡", False, date(1996, 5, 20), "编研科", "科员", "二级科员", "中共预备党员",
           "2019-09", (14, 16, 16, 12), 50),
    _Staff("何志华", True, date(1981, 6, 15), "编研科", "科员", "四级主任科员", "民盟盟员",
           "2005-08", (16, 16, 16, 12), 58),
    _Staff("郑丽娟", False, date(1980, 1, 25), "资料科（方志馆）", "科长（馆长）", "二级主任科员",
           "中共党员", "2002-07", (12, 14, 14, 10), 44),
    _Staff("曹文博", True, date(1989, 11, 3), "资料科（方志馆）", "馆员", "专技十级", "中共党员",
           "2012-07", (14, 14, 16, 12), 48),
    _Staff("邓晓光", True, date(1983, 5, 9), "资料科（方志馆）", "科员", "三级主任科员", "中共党员",
           "2006-07", (6, 6, 8, 6), 30),
    _Staff("田甜", False, date(1994, 7, 26), "资料科（方志馆）", "助理馆员", "专技十二级", "群众",
           "2017-08", (20, 22, 22, 16), 62),
    _Staff("冯建民", True, date(1966, 10, 4), "资料科（方志馆）", "科员", "一级主任科员", "中共党员",
           "1988-10", (14, 16, 14, 10), 40, "大专", ""),
)
CENTRAL_GROUP = ("孙立军", "王淑华", "李建国", "张晓梅", "陈志强", "林国栋", "郑丽娟")
PHONE_PREFIXES = ("139", "138", "159", "186", "135", "158", "187", "137")

PARTY_DAYS = (
    "重温入党誓词 坚定理想信念", "学习《中国共产党纪律处分条例》", "学雷锋志愿服务进社区",
    "清明祭英烈 传承红色基因", "学习贯彻全国两会精神", "党风廉政建设警示教育",
    "庆祝中国共产党成立{party_age}周年", "走进革命纪念馆 追寻红色足迹",
    "铸牢中华民族共同体意识专题学习", "讲好家乡发展故事 助力地方志宣传", "保密教育和意识形态工作专题学习",
    "年终组织生活会会前集中学习")
PARTY_DAY_TEXTS = (
    ["《中国共产党章程》"], ["《中国共产党纪律处分条例》"], ["习近平关于雷锋精神的重要论述"],
    ["《中国共产党简史》相关章节"], ["政府工作报告"], ["典型违纪违法案例通报"],
    ["习近平在庆祝中国共产党成立100周年大会上的讲话"], ["抗日战争时期东北抗日联军斗争史料"],
    ["习近平关于加强和改进民族工作的重要思想"], ["本县年鉴、县志中的发展成就资料"],
    ["《中华人民共和国保守国家秘密法》", "意识形态工作责任制有关规定"],
    ["《中国共产党支部工作条例（试行）》"])


def add(conn: sqlite3.Connection, today: date, progress: Progress) -> None:
    year = today.year
    save_people(conn, roster(today), source=ROSTER_SOURCE)
    people = {p.name: p for p in list_people(conn)}
    progress(0.2, "已导入演示花名册（25人）")
    rules = store.list_rules(conn)
    activities = _seed_meetings(today, list(people.values()), rules, people)
    progress(0.4, "已从简讯导入中心组学习会")
    plan = _Plan(people, today)
    plan.year(year - 1, date(year - 1, 12, 31))
    plan.cross_year_course(year - 1)
    plan.year(year, today)
    with transaction(conn):
        store.save_activities(conn, [*activities, *plan.activities])
    progress(1.0, f"已录入{year - 1}—{year}年学习活动")


# --- The roster ------------------------------------------------------------------------------


def roster(today: date) -> list[Person]:
    """The 25 staff, with ID numbers matching their birth dates and sex."""
    people = []
    for n, s in enumerate(STAFF):
        serial = (n * 37 + 11) % 500 * 2 + (1 if s.male else 0)
        first17 = f"{s.region}{s.born:%Y%m%d}{serial:03d}"
        digits = sum(map(ord, s.name)) * 7919 + n * 104729
        phone = f"{PHONE_PREFIXES[n % len(PHONE_PREFIXES)]}{digits % 10**8:08d}"
        people.append(Person(
            name=s.name, sex="男" if s.male else "女", ethnicity="满族" if n % 9 == 4 else "汉族",
            birth=f"{s.born:%Y-%m}", id_number=first17 + id_check_char(first17),
            political_status=s.political, education=s.education, degree=s.degree,
            work_start=_joined(s, today), department=s.department, position=s.position,
            rank=s.rank, phone=phone,
            remarks="新录用公务员，试用期一年" if s.work_start == "new" else ""))
    return people


def _joined(staff: _Staff, today: date) -> str:
    if staff.work_start != "new":
        return staff.work_start
    joined = date(today.year, 7, 1) if today >= date(today.year, 7, 1) else \
        date(today.year - 1, 9, 1)
    return f"{joined:%Y-%m}"


# --- The seeds' learning meetings ------------------------------------------------------------


def _seed_meetings(today: date, roster_people: Sequence[Person], rules: Sequence[HourRule],
                   people: dict[str, Person]) -> list[Activity]:
    """Seeds 001 and 002 through the news importer, re-dated into this year (a meeting that
    would lie in the future goes to the year before), attended by the 中心组（扩大）."""
    activities = []
    for name in SEED_MEETINGS:
        first = read_activity(sample_path(name))
        assert first.start is not None  # the seeds carry their dates
        when = first.start.replace(year=today.year)
        if when > today:
            when = when.replace(year=today.year - 1)
        parsed = read_activity(sample_path(name), year=when.year, roster=roster_people,
                               rules=rules)
        activity = parsed.to_activity()
        activity.attendees = [Attendance(_id(people[n])) for n in CENTRAL_GROUP]
        activity.note = "；".join(filter(None, [activity.note, "参加人员按本办中心组（扩大）成员录入"]))
        activities.append(activity)
    return activities


def _id(person: Person) -> int:
    assert person.id is not None
    return person.id


# --- A year of activities --------------------------------------------------------------------

# Single absences (请假) among people comfortably on track: (name, activity key).
LEAVES = frozenset({("周海涛", "党日2"), ("马春燕", "业务2"), ("高明", "讲座"), ("王丽", "党日8"),
                    ("刘洋", "法治2"), ("曹文博", "党课2"), ("冯建民", "党日10"),
                    ("王淑华", "脱产-领导")})
SICK_LEAVE = ("黄雅琴", 3, 5)  # months on sick leave: on leave for everything then


class _Plan:
    """The activities of the demo years, as Activity objects."""

    def __init__(self, people: dict[str, Person], today: date) -> None:
        from fangzhi_desktop.domain.calendar import load_official

        self.people = people
        self.staff = {s.name: s for s in STAFF}
        self.today = today
        self.calendar = load_official()
        self.activities: list[Activity] = []

    def workday(self, year: int, month: int, day: int) -> date:
        when = date(year, month, day)
        if self.calendar.knows(year):
            return self.calendar.next_workday(when)
        while when.weekday() >= 5:
            when += timedelta(days=1)
        return when

    def eligible(self, when: date, who: Callable[[_Staff], bool]) -> list[str]:
        return [s.name for s in STAFF if who(s) and self.joined(s.name) <= when]

    def joined(self, name: str) -> date:
        text = self.people[name].work_start
        return date(int(text[:4]), int(text[5:7]), 1)

    def add(self, key: str, type_name: str, start: date, title: str, names: Sequence[str], *,
            end: date | None = None, host: str = "", place: str = "",
            studied: Sequence[str] = (), units: float | None = None,
            own_hours: dict[str, float] | None = None, until: date) -> None:
        if (end or start) > until:
            return
        attendees = []
        for name in names:
            sick = name == SICK_LEAVE[0] and start.year == self.today.year \
                and SICK_LEAVE[1] <= start.month <= SICK_LEAVE[2]
            leave = sick or (name, key) in LEAVES
            hours = None if own_hours is None else own_hours[name]
            attendees.append(Attendance(_id(self.people[name]), leave, None if leave else hours,
                                        "病假" if sick else ("事假" if leave else "")))
        self.activities.append(Activity(
            type_name=type_name, start=start, end=end, title=title, host=host, place=place,
            studied=list(studied), units=units, attendees=attendees))

    def year(self, year: int, until: date) -> None:
        everyone = self.eligible
        party = lambda s: s.political in PARTY  # noqa: E731
        anyone = lambda s: True  # noqa: E731
        for month in range(1, 13):
            when = self.workday(year, month, 16)
            title = PARTY_DAYS[month - 1].format(party_age=year - 1921)
            self.add(f"党日{month}", "主题党日", when, f"{month}月主题党日：{title}",
                     everyone(when, party), host="李建国", place="机关三楼会议室",
                     studied=PARTY_DAY_TEXTS[month - 1], until=until)
        for quarter, month in enumerate((3, 6, 9, 12), start=1):
            when = self.workday(year, month, 25)
            self.add(f"党课{quarter}", "三会一课", when,
                     f"第{quarter}季度专题党课（主任讲党课）", everyone(when, party),
                     host="孙立军", place="机关三楼会议室", until=until)
        when = self.workday(year, 4, 14)
        self.add("业务1", "业务培训", when, "全县地方综合年鉴编纂业务培训会", everyone(when, anyone),
                 host="陈志强", place="县方志馆报告厅", units=2,
                 studied=["《地方综合年鉴编纂出版规定》", "《年鉴编纂出版质量规定》"], until=until)
        when = self.workday(year, 9, 10)
        self.add("业务2", "业务培训", when, "地方志资料收集整理与志书编纂业务培训",
                 everyone(when, anyone), host="林国栋", place="机关三楼会议室",
                 studied=["《地方志书质量规定》", "《地方志资料工作规定》"], until=until)
        when = self.workday(year, 3, 19)
        self.add("法治1", "法治培训", when, "学习宪法和《地方志工作条例》专题法治培训",
                 everyone(when, anyone), host="王淑华", place="机关三楼会议室",
                 studied=["《中华人民共和国宪法》", "《地方志工作条例》", "《吉林省地方志工作条例》"],
                 until=until)
        when = self.workday(year, 10, 22)
        self.add("法治2", "法治培训", when, "《中华人民共和国保守国家秘密法》专题法治培训",
                 everyone(when, anyone), host="王淑华", place="机关三楼会议室",
                 studied=["《中华人民共和国保守国家秘密法》", "《中华人民共和国档案法》"], until=until)
        when = self.workday(year, 6, 11)
        self.add("讲座", "专题讲座", when, "县委党校教授作“铸牢中华民族共同体意识”专题讲座",
                 everyone(when, anyone), host="孙立军", place="县方志馆报告厅", until=until)
        when = self.workday(year, 4, 20)
        self.add("脱产-中青", "脱产培训", when, "县委党校中青年干部培训班",
                 ["杨帆", "吴振宇"], end=when + timedelta(days=4), host="县委党校",
                 place="县委党校", until=until)
        when = self.workday(year, 9, 14)
        self.add("脱产-领导", "脱产培训", when, "全市地方志系统领导干部能力提升培训班",
                 ["孙立军", "李建国", "王淑华"], end=when + timedelta(days=2),
                 host="市地方志办公室", place="市委党校", until=until)
        self.online(year, until)
        self.self_study(year, until)

    def online(self, year: int, until: date) -> None:
        """Quarterly records of the 干部网络学院: each person's own course hours."""
        current = year == self.today.year
        for quarter in range(1, 5):
            first = date(year, quarter * 3 - 2, 1)
            last = date(year, quarter * 3 + 1, 1) - timedelta(days=1) if quarter < 4 \
                else date(year, 12, 31)
            hours = {}
            for s in STAFF:
                if self.joined(s.name) > last:
                    continue
                value = s.online[quarter - 1] if current else round(s.online_before / 4, 1)
                if value:
                    hours[s.name] = value
            self.add(f"网络{quarter}", "网络学习", first,
                     f"{year}年第{quarter}季度网络学习（干部网络学院学时记录）", list(hours),
                     end=last, units=15, own_hours=hours, host="办公室",
                     studied=["干部网络学院必修课程", "干部网络学院选修课程"], until=until)

    def self_study(self, year: int, until: date) -> None:
        """Two people record 自学; one beyond the yearly cap of 20."""
        for name, hours, month in (("何志华", 26.0, 6), ("田甜", 12.0, 10)):
            when = date(year, month, 28)
            self.add(f"自学-{name}", "自学", when, "自学并撰写读书笔记", [name],
                     own_hours={name: hours}, units=hours,
                     studied=["《习近平新时代中国特色社会主义思想学习纲要》"], until=until)

    def cross_year_course(self, year: int) -> None:
        """An online special course from mid-December to mid-January: its 24 hours are split
        between the two years by the days in each."""
        start, end = date(year, 12, 15), date(year + 1, 1, 14)
        names = ["张晓梅", "陈志强", "刘洋", "王丽", "马春燕", "林国栋", "吴振宇", "郑丽娟",
                 "曹文博", "何志华"]
        self.add("网络专题班", "网络学习", start, "干部网络学院冬季网上专题班", names, end=end,
                 units=24, host="办公室", studied=["干部网络学院冬季专题班课程"],
                 until=self.today)
