"""Demo yearbook: 《青山县年鉴（YYYY）》 of the current year (recording the year before), its 篇目
of 10 类目, 31 分目 and 120 条目 imported through the outline importer, 62 供稿单位 with contacts,
and the volume halfway through 组稿 on ``today``: the notice issued and the 篇目 settled, about
half the 条目 received (short generated texts, a few as .docx with a photo), some units late,
one 条目 well over its word budget, some returned for revision, some accepted.
"""

from __future__ import annotations

import io
import random
import sqlite3
import struct
import zipfile
import zlib
from datetime import date, timedelta

from fangzhi_desktop.domain.yearbook import ReviewLevel, ReviewResult, entries_of
from fangzhi_desktop.domain.yearbook_stages import DEFAULT_TEMPLATE, month_day
from fangzhi_desktop.importers.manuscripts import manuscript_from_bytes
from fangzhi_desktop.importers.yearbook_outline import OutlineLine, parse_lines
from fangzhi_desktop.progress import Progress
from fangzhi_desktop.storage import yearbook as store
from fangzhi_desktop.storage import yearbook_manuscripts as manuscripts
from fangzhi_desktop.storage.yearbook_tree import save_outline
from fangzhi_desktop.storage.yearbook_view import load_view

COUNTY = "青山县"
EDITOR = "陈晓燕"

# 类目 → [(分目 or "" for 条目 directly under the 类目, the 分目's unit, [(条目, its own unit or
# "", words, photos)])]; a 类目 given as (None, unit, [(类目, "", words, photos)]) is written
# as a whole.
Entries = list[tuple[str, str, int, int]]
OUTLINE: list[tuple[str, list[tuple[str | None, str, Entries]]]] = [
    ("特载", [("", "", [("县委工作报告", "县委办", 3000, 0),
                      ("县政府工作报告", "县政府办", 3000, 0)])]),
    ("大事记", [(None, "县委办", [("大事记", "", 3000, 12)])]),
    ("概况", [
        ("自然地理", "县自然资源局", [("位置面积", "", 600, 1), ("地形地貌", "", 600, 1),
                                 ("气候", "县气象局", 600, 0), ("水文", "县水利局", 600, 0)]),
        ("人口和行政区划", "县统计局", [("人口总量", "", 600, 0), ("人口结构", "县公安局", 600, 0),
                                   ("行政区划", "县民政局", 800, 1)]),
    ]),
    ("政治", [
        ("中共青山县委员会", "县委办", [
            ("重要会议", "", 1500, 2), ("重要决策", "县委政研室", 1200, 0),
            ("组织建设", "县委组织部", 1200, 1), ("干部工作", "县委组织部", 1200, 0),
            ("人才工作", "县委组织部", 800, 1), ("理论学习", "县委宣传部", 1000, 1),
            ("精神文明建设", "县委宣传部", 1000, 2), ("统战工作", "县委统战部", 1000, 1),
            ("民族宗教", "县民族宗教事务局", 800, 0), ("政法工作", "县委政法委", 1000, 0),
            ("机构编制", "县委组织部", 600, 0), ("老干部工作", "县委组织部", 600, 1)]),
        ("纪检监察", "县纪委监委", [("党风廉政建设", "", 1200, 1), ("监督执纪", "", 1200, 0),
                                 ("巡察工作", "", 800, 0)]),
        ("县人民代表大会", "县人大办", [("人大会议", "", 1200, 2), ("人大监督", "", 1000, 0),
                                   ("代表工作", "", 800, 1)]),
        ("县人民政府", "县政府办", [("政务工作", "", 1200, 1), ("政务公开", "", 800, 0),
                                 ("政务服务", "县政务服务中心", 800, 1), ("信访工作", "", 800, 0)]),
        ("政协青山县委员会", "县政协办", [("政协会议", "", 1200, 2), ("提案工作", "", 800, 0),
                                     ("民主监督", "", 800, 0)]),
        ("法治", "县公安局", [("治安管理", "", 1000, 1), ("刑事侦查", "", 1000, 0),
                            ("审判工作", "县人民法院", 1000, 1), ("检察工作", "县人民检察院", 1000, 1),
                            ("司法行政", "县司法局", 800, 0)]),
        ("军事", "县人武部", [("民兵工作", "", 800, 1), ("征兵工作", "", 800, 0)]),
    ]),
    ("经济", [
        ("经济综述", "县发改局", [("国民经济", "", 1500, 0), ("重点项目", "", 1200, 2),
                               ("统计工作", "县统计局", 600, 0)]),
        ("农业农村", "县农业农村局", [("粮食生产", "", 1000, 1), ("畜牧业", "", 800, 1),
                                   ("农业机械化", "", 800, 0), ("乡村振兴", "县乡村振兴局", 1200, 2),
                                   ("农村改革", "", 800, 0)]),
        ("林业水利", "县林业局", [("造林绿化", "", 800, 1), ("森林防火", "", 800, 0),
                               ("水利建设", "县水利局", 1000, 1), ("防汛抗旱", "县水利局", 800, 1)]),
        ("工业", "县工信局", [("规模以上工业", "", 1200, 1), ("工业园区", "县经开区管委会", 1000, 1),
                            ("节能降耗", "", 600, 0)]),
        ("商贸", "县商务局", [("商贸流通", "", 1000, 1), ("招商引资", "", 1000, 1),
                            ("对外贸易", "", 800, 0), ("电子商务", "", 800, 1)]),
        ("交通", "县交通运输局", [("公路建设", "", 1000, 2), ("运输管理", "", 800, 0)]),
        ("财政税务", "县财政局", [("财政收支", "", 1200, 0), ("国有资产管理", "", 800, 0),
                               ("税收征管", "县税务局", 1000, 0)]),
        ("金融", "人民银行青山县支行", [("金融运行", "", 1000, 0), ("普惠金融", "", 800, 0),
                                     ("保险业", "", 600, 0)]),
        ("市场监管", "县市场监管局", [("市场主体", "", 800, 0), ("食品药品安全", "", 1000, 1),
                                   ("质量监督", "", 800, 0)]),
        ("自然资源和生态环境", "县自然资源局", [
            ("国土空间规划", "", 1000, 1), ("耕地保护", "", 800, 0),
            ("环境保护", "市生态环境局青山分局", 1200, 2)]),
        ("城乡建设", "县住建局", [("城市建设", "", 1200, 2), ("房地产业", "", 800, 0),
                               ("城市管理", "县城管局", 800, 1), ("电力供应", "县供电公司", 600, 1)]),
    ]),
    ("社会", [
        ("教育", "县教育局", [("基础教育", "", 1200, 2), ("职业教育", "", 800, 1),
                            ("教师队伍", "", 800, 0)]),
        ("卫生健康", "县卫生健康局", [("医疗服务", "", 1000, 1), ("公共卫生", "县疾控中心", 1000, 1),
                                   ("医疗保障", "县医保局", 800, 0)]),
        ("人力资源和社会保障", "县人社局", [("就业创业", "", 1000, 1), ("社会保险", "", 1000, 0)]),
        ("民政", "县民政局", [("社会救助", "", 800, 0), ("养老服务", "", 800, 1)]),
        ("应急管理", "县应急管理局", [("安全生产", "", 1000, 1), ("防灾减灾", "", 800, 1),
                                   ("气象服务", "县气象局", 600, 0)]),
        ("群团", "县总工会", [("工会工作", "", 800, 1), ("妇女工作", "县妇联", 800, 1),
                            ("共青团工作", "团县委", 800, 1), ("残疾人工作", "县残联", 600, 0)]),
        ("退役军人事务", "县退役军人事务局", [("优抚安置", "", 800, 1)]),
    ]),
    ("文化", [
        ("文化旅游", "县文化广电和旅游局", [("公共文化服务", "", 1000, 2), ("文物保护", "", 800, 1),
                                        ("旅游业", "", 1000, 2)]),
        ("体育", "县体育事业发展中心", [("群众体育", "", 800, 1), ("竞技体育", "", 600, 1),
                                    ("体育设施", "", 600, 1)]),
        ("新闻传媒", "县融媒体中心", [("新闻宣传", "", 800, 1), ("广播电视", "", 800, 0)]),
        ("地方志和档案", "县地方志办公室", [("志鉴编纂", "", 800, 1), ("档案工作", "县档案馆", 800, 0)]),
    ]),
    ("乡镇", [("", "", [(town, f"{town}人民政府", 1500 if n < 4 else 1200, 2) for n, town in
                        enumerate(("城关镇", "东湖镇", "西山镇", "南河镇", "北岭乡", "石门乡",
                                   "柳林乡", "桃源乡"))])]),
    ("人物", [("", "县委组织部", [("先进集体和先进个人", "", 1500, 0), ("逝世人物", "", 1000, 0)])]),
    ("附录", [("", "", [("统计资料", "县统计局", 3000, 0), ("文件选编", "县政府办", 2000, 0),
                      ("荣誉名录", "县委办", 1500, 0)])]),
]
# Units whose deadline came early (the 特载、大事记 and 概况 writers and some 政治 units).
EARLY_UNITS = ("县委办", "县政府办", "县自然资源局", "县统计局", "县民政局", "县公安局",
               "县委组织部", "县委宣传部", "县纪委监委", "县人大办", "县政协办", "县发改局",
               "县财政局", "县水利局", "县气象局", "县委政研室")
LATE_MISSING = ("县统计局", "县水利局", "县财政局", "县气象局", "县委宣传部")
OVER_BUDGET = "重点项目"
UNDER_BUDGET = "地形地貌"
CONTACTS = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷")


def outline_lines() -> list[OutlineLine]:
    """The demo 篇目 as an outline file would write it (一、/（一）/1., units in brackets)."""
    from fangzhi_desktop.domain.workpoints import section_ordinal

    texts = [f"{COUNTY}年鉴篇目"]
    for n, (category, sections) in enumerate(OUTLINE, start=1):
        if sections[0][0] is None:
            _, unit, ((_, _, words, photos),) = sections[0]
            texts.append(f"{section_ordinal(n)}、{category}（{unit}，{words}字，图片{photos}幅）")
            continue
        texts.append(f"{section_ordinal(n)}、{category}")
        k = 0
        for m, (section, unit, entries) in enumerate(sections, start=1):
            if section:
                texts.append(f"（{section_ordinal(m)}）{section}（{unit}）")
                k = 0
            for title, own, words, photos in entries:
                k += 1
                own = own or ("" if section else unit)
                texts.append(f"{k}.{title}（{own + '，' if own else ''}{words}字，图片{photos}幅）")
    return [OutlineLine(i, text) for i, text in enumerate(texts, start=1)]


def add(conn: sqlite3.Connection, today: date, progress: Progress) -> None:
    year = today.year
    volume_id = store.create_volume(conn, year, f"{COUNTY}年鉴（{year}）",
                                    deadline=today + timedelta(days=30))
    _stages(conn, volume_id, today)
    outline = parse_lines(outline_lines(), "青山县年鉴篇目.txt")
    save_outline(conn, volume_id, outline)
    progress(0.3, "已导入年鉴篇目")
    _units(conn, volume_id, today)
    _manuscripts(conn, year, today)
    progress(1.0, "已登记年鉴来稿")


def _stages(conn: sqlite3.Connection, volume_id: int, today: date) -> None:
    """印发组稿通知 and 篇目 done, 组稿 running (halfway), the rest planned one after another
    with the template's durations."""
    durations = {name: (month_day(2025, end) - month_day(2025, start)).days
                 for name, start, end, _ in DEFAULT_TEMPLATE}
    cursor = today + timedelta(days=31)
    for stage in store.list_stages(conn, volume_id):
        if stage.name == "印发组稿通知":
            fields = store.StageFields(stage.name, today - timedelta(days=60),
                                       today - timedelta(days=50), today - timedelta(days=58),
                                       today - timedelta(days=52), "办公室", "已印发组稿通知和篇目")
        elif stage.name == "篇目设计/审定":
            fields = store.StageFields(stage.name, today - timedelta(days=61),
                                       today - timedelta(days=31), today - timedelta(days=61),
                                       today - timedelta(days=33), EDITOR, "篇目经编委会审定")
        elif stage.name == "组稿":
            fields = store.StageFields(stage.name, today - timedelta(days=30),
                                       today + timedelta(days=30), today - timedelta(days=30),
                                       None, EDITOR, "每半月通报一次供稿情况")
        else:
            length = durations.get(stage.name, 14)
            fields = store.StageFields(stage.name, cursor, cursor + timedelta(days=length),
                                       owner="年鉴科", publication=stage.publication)
            cursor += timedelta(days=length + 1)
        store.update_stage(conn, stage.id, fields)


def _units(conn: sqlite3.Connection, volume_id: int, today: date) -> None:
    rng = random.Random(7)
    for n, unit in enumerate(store.list_volume_units(conn, volume_id)):
        early = unit.name in EARLY_UNITS
        store.set_volume_unit(conn, volume_id, unit.name, store.UnitFields(
            contact=CONTACTS[n % len(CONTACTS)],
            phone=f"0431-8{rng.randrange(1000000, 9999999)}",
            deadline=today - timedelta(days=10) if early else None,
            remarks="特载、大事记及概况类条目提前交稿" if early else ""))


def _manuscripts(conn: sqlite3.Connection, year: int, today: date) -> None:
    view = load_view(conn, year, today)
    rng = random.Random(year)
    receipts = []
    chosen = []
    entries = entries_of(view.roots)
    for n, entry in enumerate(entries):
        early = entry.unit in EARLY_UNITS
        if entry.unit in LATE_MISSING and n % 2 == 0:
            continue  # late: deadline passed, not sent
        if not early and n % 2 == 1:
            continue  # not due yet
        if not early and n % 4 == 2:
            continue
        factor = 1.38 if entry.title == OVER_BUDGET else 0.7 if entry.title == UNDER_BUDGET \
            else rng.uniform(0.93, 1.06)
        target = round((entry.word_budget or 800) * factor)
        text = manuscript_text(entry.title, entry.unit, year - 1, target, rng)
        as_docx = len(chosen) % 9 == 4
        name = f"{entry.unit}-{entry.title}.{'docx' if as_docx else 'txt'}"
        data = docx_bytes(text, entry.photo_budget or 1) if as_docx else _encode(text, n)
        receipts.append(manuscripts.Receipt(entry.id, manuscript_from_bytes(name, data),
                                            source="演示数据"))
        chosen.append(entry)
    received = manuscripts.receive(conn, receipts, today - timedelta(days=20))
    for k, (entry, done) in enumerate(zip(chosen, received, strict=True)):
        _review(conn, done.manuscript_id, k, entry.title, today)


def _encode(text: str, n: int) -> bytes:
    """UTF-8, UTF-8 with BOM or GB18030, as units' Notepad and WPS save them."""
    if n % 5 == 1:
        return text.encode("gb18030")
    return ("\ufeff" if n % 3 == 0 else "").encode("utf-8") + text.encode("utf-8")


def _review(conn: sqlite3.Connection, manuscript_id: int, k: int, title: str,
            today: date) -> None:
    first = today - timedelta(days=15)
    if k % 4 == 3:
        return  # 待审
    manuscripts.set_sealed(conn, manuscript_id, True, today - timedelta(days=18))
    if title == OVER_BUDGET or k % 7 == 5:
        reason = ("字数超出定额近四成，请压缩至1200字以内" if title == OVER_BUDGET
                  else "数据与统计公报不一致，请核实后修改")
        manuscripts.record_review(conn, manuscript_id, ReviewLevel.FIRST, ReviewResult.RETURNED,
                                  first, reason, EDITOR)
        return
    manuscripts.record_review(conn, manuscript_id, ReviewLevel.FIRST, ReviewResult.PASSED,
                              first, reviewer=EDITOR)
    if k % 4 == 0:
        manuscripts.record_review(conn, manuscript_id, ReviewLevel.SECOND,
                                  ReviewResult.PASSED, first + timedelta(days=5),
                                  reviewer="刘洋")
        manuscripts.record_review(conn, manuscript_id, ReviewLevel.FINAL, ReviewResult.PASSED,
                                  first + timedelta(days=9), reviewer="王建华")


# --- Generated texts -------------------------------------------------------------------------

SENTENCES = (
    "{y}年，{unit}坚持以习近平新时代中国特色社会主义思想为指导，围绕县委、县政府中心工作，扎实推进{t}各项任务。",
    "全年完成{t}相关投资{a}亿元，同比增长{p}%，增速高于全市平均水平{d}个百分点。",
    "{m}月，召开全县{t}工作会议，部署年度重点任务，签订目标责任书{k}份。",
    "年内，开展{t}专项检查{k}次，排查问题{n}个，整改完成率100%。",
    "截至年底，全县{t}覆盖率达到{p}%，比上年提高{d}个百分点。",
    "实施“数字{t}”建设，新建5G基站{k}个，政务服务事项网上可办率达到{p}%。",
    "全县GDP完成{a}亿元，其中第三产业增加值占比{p}%，PM2.5平均浓度同比下降{d}微克/立方米。",
    "{m}月{dd}日，省{t}工作现场推进会在青山县召开，县里作典型发言。",
    "争取上级资金{a}万元，实施项目{k}个，惠及群众{n}人。",
    "建立健全{t}长效机制，出台《青山县{t}实施办法》等制度文件{k}件。",
    "组织业务培训{k}期，培训干部职工{n}人次。",
    "{unit}获评省级{t}先进集体，{k}名同志受到市级以上表彰。",
)


def manuscript_text(title: str, unit: str, recorded: int, target: int,
                    rng: random.Random) -> str:
    """A plausible 条目 text of about ``target`` words (Word's 字数)."""
    from fangzhi_desktop.domain.word_count import count_words

    paragraphs = [title]
    words = count_words(title).total
    while words < target:
        sentence = rng.choice(SENTENCES).format(
            y=recorded, unit=unit, t=title, a=round(rng.uniform(1.2, 98.6), 1),
            p=round(rng.uniform(2.1, 96.5), 1), d=round(rng.uniform(0.2, 5.9), 1),
            m=rng.randint(1, 12), dd=rng.randint(1, 28), k=rng.randint(2, 36),
            n=rng.randint(20, 3600))
        words += count_words(sentence).total
        if len(paragraphs) == 1 or rng.random() < 0.3:
            paragraphs.append(sentence)
        else:
            paragraphs[-1] += sentence
    return "\n".join(paragraphs) + "\n"


def tiny_png() -> bytes:
    """A 2×2 grey PNG (a stand-in photo of a few dozen bytes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"\x00\x80\x80\x00\x80\x80"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


_DOCX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.styles+xml"/>'
        '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.fontTable+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="media/image1.png"/>'
        '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/settings" Target="settings.xml"/>'
        '<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/fontTable" Target="fontTable.xml"/></Relationships>'),
    "word/styles.xml": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                        '2006/main"/>'),
    "word/settings.xml": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                          '<w:settings xmlns:w="http://schemas.openxmlformats.org/'
                          'wordprocessingml/2006/main"/>'),
    "word/fontTable.xml": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                           '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                           '2006/main"/>'),
}
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
    '<wp:extent cx="1440000" cy="1080000"/><wp:docPr id="{n}" name="图片{n}"/><a:graphic>'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:nvPicPr><pic:cNvPr id="{n}" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch>'
    '</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1440000" cy="1080000"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def docx_bytes(text: str, photos: int) -> bytes:
    """The text as a minimal .docx (title in bold, a paragraph a line) with ``photos``
    pictures — a couple of KB, where python-docx's template alone is 36 KB. (No theme part:
    Word and WPS open it; the OOXML validator only notes that the theme is missing.)"""
    from xml.sax.saxutils import escape

    lines = text.strip().split("\n")
    body = [f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{escape(lines[0])}</w:t></w:r></w:p>']
    body += [f'<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>' for line in lines[1:]]
    body += [_PICTURE.format(n=n) for n in range(1, photos + 1)]
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_NS}>'
                f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in _DOCX_PARTS.items():
            archive.writestr(name, xml)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/media/image1.png", tiny_png())
    return out.getvalue()
