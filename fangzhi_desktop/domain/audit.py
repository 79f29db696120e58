"""The audit trail (修改记录) as people read it: entries, and one line per changed field.

An entry is one changed row (or one summary of a bulk action such as an import); its
``before``/``after`` hold the changed columns (every column for an insert or a delete), with
ID and phone numbers already masked. ``change_lines`` turns an entry into the lines the
window and the command line print: 时间 / 用户 / 操作 / 字段 / 原值 / 新值.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fangzhi_desktop.domain.office import PROFILE_LABELS

TABLE_LABELS: dict[str, str] = {
    "units": "单位", "unit_aliases": "单位别名", "office_profile": "单位信息",
    "doc_serials": "发文字号", "work_plans": "年度工作要点", "work_sections": "工作要点分类",
    "work_items": "工作要点条目", "work_item_units": "责任单位", "work_item_log": "进展记录",
    "work_item_extensions": "延期", "people": "人员", "learning_types": "学习类型",
    "learning_policies": "学时要求", "learning_requirements": "职级学时要求",
    "learning_activities": "学习活动", "learning_attendance": "参学人员",
    "briefing_issues": "简报", "briefing_articles": "简报文章",
    "campaign_activities": "专项活动", "campaign_phases": "活动阶段",
    "campaign_tasks": "专项活动任务", "campaign_task_steps": "任务节点",
    "campaign_task_log": "进展记录", "campaign_task_extensions": "延期",
    "calendar_years": "工作日历", "yearbook_stage_templates": "年鉴阶段模板",
    "yearbook_volumes": "年鉴", "yearbook_stages": "编纂阶段", "yearbook_units": "供稿单位",
    "yearbook_nodes": "篇目", "yearbook_manuscripts": "稿件", "yearbook_reviews": "审稿",
    "_sqlite_migrations": "数据文件",
}
FIELD_LABELS: dict[str, str] = {
    "name": "名称", "alias": "别名", "title": "标题", "text": "内容", "status": "状态",
    "status_date": "状态日期", "status_remark": "状态说明", "deadline": "期限",
    "deadline_issued": "下达期限", "deadline_phrase": "期限原文", "deadline_rule": "期限规则",
    "old_deadline": "原期限", "new_deadline": "新期限", "reason": "原因",
    "decided_on": "批准日期", "entry_date": "日期", "kind": "类型", "reporter": "报告人",
    "role": "角色", "unit_id": "单位", "no": "序号", "subsection": "小标题",
    "year": "年度", "issuer": "发文单位", "doc_no": "文号", "issued_on": "印发日期",
    "preamble": "导语", "source_file": "来源文件", "group_name": "分组", "person": "责任人",
    "closed_by": "销号确认人", "phase_id": "阶段", "purpose": "目的", "contents": "主要内容",
    "start_date": "开始日期", "end_date": "结束日期", "phrase": "时间原文",
    "node_phrase": "节点原文", "node_rule": "节点规则", "done": "已完成", "done_on": "完成日期",
    "sex": "性别", "ethnicity": "民族", "birth": "出生年月", "id_number": "公民身份号码",
    "political_status": "政治面貌", "education": "学历", "degree": "学位", "has_tail": "有报尾",
    "work_start": "参加工作时间", "department": "科室", "rank": "职级", "phone": "联系电话",
    "remarks": "备注", "note": "备注", "host": "主办", "place": "地点", "studied": "学习内容",
    "units": "数量", "hours": "学时", "hours_manual": "人工学时", "on_leave": "请假",
    "person_id": "人员", "type_id": "学习类型", "basis": "计算方式", "yearly_cap": "年度上限",
    "default_hours": "默认学时", "carry_cap": "结转上限", "from_year": "起始年度",
    "series_key": "简报名称", "issue": "期号", "total_issue": "总期号", "publisher": "编印单位",
    "confidential": "密级", "printer": "印发单位", "print_date": "印发日期", "bao": "报",
    "song": "送", "fa": "发", "copies": "份数", "disclosure": "公开属性",
    "column_name": "栏目", "body": "正文", "attribution": "署名", "origin": "来源",
    "planned_start": "计划开始", "planned_end": "计划结束", "actual_start": "实际开始",
    "actual_end": "实际结束", "owner": "负责人", "publication": "出版阶段",
    "contact": "联系人", "tolerance": "字数容差", "copied_from": "沿用自",
    "word_budget": "字数预算", "photo_budget": "图片预算", "parent_id": "上级篇目",
    "file_name": "文件名", "received_on": "收稿日期", "version": "版本", "words": "字数",
    "photos": "图片数", "sealed": "已盖章", "sealed_on": "盖章日期",
    "review_level": "审稿级别", "review_result": "审稿结果", "accepted": "已采用",
    "accepted_on": "采用日期", "source": "来源", "level": "审级", "result": "结果",
    "reviewed_on": "审稿日期", "reviewer": "审稿人", "key": "项目", "value": "内容",
    "serial": "序号", "start_md": "开始（月-日）", "end_md": "结束（月-日）",
    "carried_from": "结转自", "issued_at": "发文时间", "ordinal": "序号",
}
# Columns saying which row of a record's part an update changed: kept in the entry even when
# unchanged (``责任单位·角色（年鉴科）``, ``单位全称``).
IDENTITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "office_profile": ("key",), "work_item_units": ("unit_id",),
    "yearbook_units": ("unit_id",), "learning_attendance": ("person_id",),
    "learning_requirements": ("rank",), "unit_aliases": ("alias",),
}
# Columns not worth a line: ids, the link to the record, bookkeeping.
HIDDEN_FIELDS = frozenset({"id", "plan_id", "section_id", "item_id", "task_id", "campaign_id",
                           "activity_id", "issue_id", "volume_id", "manuscript_id", "node_id", "position",
                           "roster_order", "sha256", "size", "chinese_chars", "chinese_punct",
                           "latin_words", "digits_runs",
                           "alias_key"})
VALUE_LABELS: dict[tuple[str, object], str] = {
    ("role", "lead"): "牵头", ("role", "support"): "配合",
    ("basis", "per_session"): "按次", ("basis", "per_half_day"): "按半天",
    ("basis", "per_day"): "按天", ("basis", "by_length"): "按时长",
}
BOOLEAN_FIELDS = frozenset({"done", "on_leave", "hours_manual", "publication", "sealed",
                            "accepted", "has_tail"})
OP_LABELS = {"insert": "新增", "update": "修改", "delete": "删除", "summary": "批量"}


@dataclass(frozen=True)
class AuditEntry:
    """One row of ``audit_log``."""

    id: int
    at: str
    user: str
    host: str
    action: str
    op: str
    table_name: str
    row_id: int | None
    record_table: str
    record_id: int | None
    before: dict[str, object] = field(default_factory=dict)
    after: dict[str, object] = field(default_factory=dict)
    record_name: str = ""  # ``2023年第19条``; empty once the record is deleted

    @property
    def record_label(self) -> str:
        """``工作要点条目 2023年第19条`` (``#12`` once deleted) — the record the change is
        shown under."""
        label = TABLE_LABELS.get(self.record_table, self.record_table)
        if self.record_name:
            return f"{label} {self.record_name}"
        return label if not self.record_id else f"{label} #{self.record_id}"


@dataclass(frozen=True)
class ChangeLine:
    """One line of the trail: one field of one entry (or the entry alone when no field)."""

    at: str
    user: str
    action: str
    field: str
    old: str
    new: str
    record: str


def field_label(entry: AuditEntry, column: str) -> str:
    """The column's Chinese name, prefixed by its table's when the row is a part of the record
    (``进展记录·内容`` on a work item)."""
    label = FIELD_LABELS.get(column, column)
    if entry.table_name != entry.record_table:
        label = f"{TABLE_LABELS.get(entry.table_name, entry.table_name)}·{label}"
    return label


def display_value(column: str, value: object) -> str:
    if value is None:
        return ""
    if column == "key" and value in PROFILE_LABELS:  # 单位信息: the item's own name
        return PROFILE_LABELS[str(value)].partition("（")[0]
    if column in BOOLEAN_FIELDS and value in (0, 1):
        return "是" if value else "否"
    label = VALUE_LABELS.get((column, value))
    if label:
        return label
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def change_lines(entry: AuditEntry) -> list[ChangeLine]:
    """One line per changed field; an insert or a delete lists its non-empty fields."""
    user = entry.user if not entry.host else f"{entry.user}@{entry.host}"
    action = entry.action or OP_LABELS.get(entry.op, entry.op)
    if entry.op in ("insert", "delete") and entry.action and not entry.action.startswith(
            OP_LABELS[entry.op]):
        action = f"{entry.action}（{OP_LABELS[entry.op]}）"
    columns = [c for c in dict.fromkeys([*entry.before, *entry.after])
               if c not in HIDDEN_FIELDS]
    which = ""
    if entry.op == "update":  # unchanged identity columns name the row instead of a line
        same = [c for c in IDENTITY_COLUMNS.get(entry.table_name, ())
                if c in entry.before and entry.before.get(c) == entry.after.get(c)]
        which = "、".join(display_value(c, entry.after[c]) for c in same)
        columns = [c for c in columns if c not in same]
    lines: list[ChangeLine] = []
    for column in columns:
        old = display_value(column, entry.before.get(column))
        new = display_value(column, entry.after.get(column))
        if entry.op != "update" and not old and not new:
            continue
        label = field_label(entry, column)
        if which:
            label = which if column == "value" else f"{label}（{which}）"
        lines.append(ChangeLine(entry.at, user, action, label, old, new, entry.record_label))
    if not lines and entry.op == "update":
        return []  # only bookkeeping changed (an order, a count): nothing to show
    if not lines:
        lines.append(ChangeLine(entry.at, user, action, "", "", "", entry.record_label))
    return lines
