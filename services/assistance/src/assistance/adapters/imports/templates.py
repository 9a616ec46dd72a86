"""The templates of assistance's imports: each kind's example row and instructions."""

from __future__ import annotations

from datetime import date

from shared.identifiers import make_id_number
from shared.imports.cells import SheetColumns
from shared.imports.template import template_csv, template_xlsx

from assistance.service_layer.imports import festival
from assistance.service_layer.imports.kinds import KINDS, ImportKindName

_HEAD = make_id_number("320102", date(1975, 5, 12), 21, "male")
_SPOUSE = make_id_number("320102", date(1977, 8, 3), 22, "female")
_MEMBER = "3f2b6c1e-8a4d-4e1b-9c7a-2d5e8f0a1b3c"
EXAMPLES: dict[ImportKindName, list[str]] = {
    ImportKindName.VISITS: [_HEAD, "", "节日", "2025-01-20", "春节慰问，送米面油"],
    ImportKindName.HOUSEHOLDS: [
        "李明",
        _HEAD,
        "",
        "13912345678",
        "南京市玄武区汉中门大街1号",
        "深度困难",
        "疾病、子女就学",
        "980.00",
        "否",
        "",
        f"配偶:王芳:{_SPOUSE}；子女:李娃",
        "2025-03-15",
    ],
    ImportKindName.INSURANCE_ENROLMENTS: [_MEMBER, "2025", "50.00", "2025-01-10"],
    ImportKindName.INSURANCE_CLAIMS: [_MEMBER, "2025", "住院", "1200.50", "2025-06-18"],
    ImportKindName.FESTIVAL_LISTS: [_HEAD, "李明"],
}
_DATES = "日期写作 2025-01-20、2025/1/20 或 20250120；金额以元为单位，最多两位小数。"
_ONE_ROW = "第一行为表头，请勿修改；从第二行起每行一条记录，示例行请删除后再导入。"
INSTRUCTIONS: dict[ImportKindName, tuple[str, ...]] = {
    ImportKindName.VISITS: (
        _ONE_ROW,
        "每行一次走访：填写困难户的户主身份证号，或被走访会员的会员编号（二者至少填一项）。",
        "走访事由：住院、子女升学、节日、婚嫁、丧事、其他。" + _DATES,
    ),
    ImportKindName.HOUSEHOLDS: (
        _ONE_ROW,
        "每户一行。填写“建档日期”的户按该日期直接建档（补录已审批的纸质档案）；不填则导入为草稿，仍须提交、审核后建档。",
        "必填：户主姓名、户主身份证号、困难类别（深度困难、相对困难、意外致困）、致困原因、家庭月人均收入（元）。",
        "致困原因可填多项，用顿号分隔：疾病、残疾、子女就学、下岗失业、意外事故、低收入、其他。",
        "家庭成员写在一个单元格内，每人写作“关系:姓名:身份证号”，多人用分号“；”分隔，身份证号可省略；"
        "关系：配偶、子女、父母、兄弟姐妹、祖父母、孙子女、其他。",
        "户主不是会员时，档案归属“建档组织编号”，不填则归属上传时选择的组织。",
        "身份证号列须为文本格式，否则 Excel 会把号码改成科学计数法而丢失末几位。",
    ),
    ImportKindName.INSURANCE_ENROLMENTS: (
        _ONE_ROW,
        "每行一名会员一个保障年度的参保；会员编号从会员系统复制。" + _DATES,
    ),
    ImportKindName.INSURANCE_CLAIMS: (
        _ONE_ROW,
        "每行一笔报销，须已有该会员该年度的参保记录；报销类别：住院、门诊慢性病、重大疾病、意外伤害。",
        _DATES,
    ),
    ImportKindName.FESTIVAL_LISTS: (
        _ONE_ROW,
        "每行一户：户主身份证号（必填）；户主姓名仅供核对，不导入。",
        "上传时选择帮扶项目、年度、预算组织、每户金额与发放方式；名单中的困难户组成一次批量发放，"
        "不在档或不在预算组织辖区内的户在发放结果中注明原因。",
    ),
}
SHEETS: dict[ImportKindName, tuple[str, SheetColumns]] = {
    **{name: (kind.title, kind.columns) for name, kind in KINDS.items()},
    ImportKindName.FESTIVAL_LISTS: ("节日慰问名单", festival.COLUMNS),
}
"""Every kind's sheet: its Chinese title and its columns."""
_TEXT_FIELDS = ("head_id_number", "member_id", "phone", "family", "org_id")


def kind_template(kind: ImportKindName, file_format: str) -> bytes:
    """The kind's template as CSV or XLSX."""
    title, columns = SHEETS[kind]
    example = EXAMPLES[kind]
    if file_format == "csv":
        return template_csv(columns, example)
    return template_xlsx(title, columns, example, INSTRUCTIONS[kind], text_fields=_TEXT_FIELDS)
