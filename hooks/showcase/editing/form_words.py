"""The form editor's words: the Chinese label of each field, and its hint where the schema's own
description speaks of the file (``true``, quotes, paths) rather than of the form."""

from __future__ import annotations

from showcase.content.schema import Activity, ActivityLog, Brand, Contact, Figure, Honour, Image, NewsPost, Project, Site

# Chinese labels of fields; the hint under each field is the schema's description.
LABELS = {
    "slug": "网址名", "draft": "草稿", "name": "名称", "slogan": "口号", "branch": "党支部", "order": "顺序",
    "summary": "一句话简介", "logo": "品牌标识", "meaning": "品牌内涵", "background": "创建背景",
    "practices": "主要做法", "results": "工作成效", "cases": "典型案例", "images": "图片", "parent": "上级品牌",
    "tribunal": "人民法庭", "title": "标题", "level": "级别", "kind": "类别", "status": "状态",
    "recipient": "获得者", "date": "日期", "date_note": "来源对时间的原话", "brand": "所属品牌",
    "source": "出处", "figures": "数字", "note": "补充说明", "post": "相关新闻", "records": "活动记录",
    "label": "数字说的是什么", "value": "数值", "unit": "单位", "approximate": "约数", "src": "图片文件",
    "alt": "图片说明", "text": "说明", "court": "法院", "intro": "首页介绍", "approach": "工作思路",
    "work_system": "工作体系", "problems": "不足", "next_steps": "下一步打算", "contact": "页脚信息",
    "short_name": "简称", "party_committee": "负责的党组织", "authors": "作者", "published": "发布日期",
    "column": "栏目", "editor": "责任编辑", "year": "年份", "items": "内容", "key": "网址名",
    "host": "主办单位", "address": "地址", "phone": "联系电话", "icp": "ICP备案号", "police_record": "公网安备号",
    "description": "摘要", "categories": "分类", "pin": "置顶", "readtime": "阅读时间（分钟）",
    "image": "配图", "from_report": "取自来源报告", "url": "网站网址",
    "site_code": "网站标识码", "conac_url": "党政机关网站标识证书网址", "conac_image": "党政机关网站标识图片",
}
# A project's fields speak of 项目, a brand's of 品牌.
MODEL_LABELS = {
    (Project, "logo"): "项目标识", (Project, "meaning"): "项目内涵", (Project, "parent"): "所属子品牌",
    (Honour, "brand"): "所属品牌或项目", (ActivityLog, "brand"): "品牌或项目", (NewsPost, "title"): "标题",
    (NewsPost, "description"): "摘要（搜索引擎和订阅）",
}
# Fields that name a brand, project or post: which list of choices (FormChoices) each offers.
REFERENCES = {
    (Brand, "parent"): "masters", (Project, "parent"): "sub_brands",
    (Honour, "brand"): "cases", (ActivityLog, "brand"): "cases", (Activity, "post"): "posts",
}
# The form's words where the schema's description is written for someone editing the file.
FORM_HINTS = {
    (Figure, "approximate"): "来源写的是约数（如“20多次”）时打开，页面显示为“20多次”。",
    (Image, "src"): "选择或上传一张图片（png、jpg、webp 或 svg）。",
    (Brand, "parent"): "子品牌在这里选总品牌；总品牌不选。",
    (Project, "parent"): "这个项目属于哪个子品牌。",
    (Honour, "brand"): "荣誉属于哪个品牌或法庭项目，按名称选。来源没写就不选。",
    (ActivityLog, "brand"): "这些活动记录属于哪个品牌或法庭项目，按名称选。",
    (Activity, "post"): "报道这项活动的新闻，按标题选。",
    (Activity, "date"): "日期，写到来源给出的那一级：一年的合计（含“年内”的数字）写 2023，某月写 2023-05，某天写 2023-05-01。",
    (NewsPost, "date"): "发布日期，写成 2023-12-27。",
    (NewsPost, "authors"): "按姓名选，可选几位。",
    (NewsPost, "title"): "新闻标题，显示在新闻页面的最上面和新闻列表里。",
    (NewsPost, "description"): "一两句话：显示在搜索引擎结果和新闻订阅里。不填就用导语。",
    (NewsPost, "slug"): "网址里的名字：不填就在保存时按标题的拼音生成。要改就只用小写英文字母、数字和连字符，例如 dangke-huodong。",
    (NewsPost, "pin"): "打开后这篇新闻在新闻列表中置顶。",
    (NewsPost, "readtime"): "不填就自动估算。",
    (NewsPost, "image"): "显示在新闻标题下面。",
    (Contact, "conac_image"): "党政机关网站标识的图片，由主管部门颁发；还没有就不填，页脚显示文字链接。",
    (Site, "url"): "网站正式发布的完整网址，例如 https://www.example.gov.cn/fayao/。不填时打包出的网站里不写任何完整网址。",
}
for _model in (Brand, Project):
    FORM_HINTS[(_model, "from_report")] = (
        "这一页的内容取自来源报告时打开，页脚就注明资料来源。"
        "改写成自己的文字、或内容来自别的材料时，请关掉。"
    )
# The news excerpt and body: not schema fields (the schema covers the front matter) but the post's text,
# stored as the excerpt, a line <!-- more -->, and the rest (see forms.js, format "news-post").
SUMMARY_HINT = "导语：一段话，显示在新闻列表里，也是新闻正文的第一段。"
BODY_HINT = "新闻正文（导语之后的部分）。小标题、加粗、列表用上面的按钮；链接到品牌或项目的页面：点“＋”，选“链接到品牌或项目”。"
DRAFT_DEFAULT_HINT = "新建的条目都是草稿，只在预览中显示，并标着“草稿”；内容核对无误后关掉这个开关，再保存，下次打包就会公开。"
RECORD_DRAFT_HINT = "新加的记录保存时自动成为草稿，只在预览中显示；核对无误后关掉这个开关，再保存，下次打包就会公开。"
# What each list of entries says at its top.
COLLECTION_HELP = {
    "brands": "总品牌和它下面的子品牌。子品牌的“上级品牌”选总品牌。",
    "projects": "人民法庭的特色党建项目，每个项目属于一个子品牌。",
    "honours": "荣誉、入选和推荐，照来源如实填写；推荐参选不计入荣誉数量。",
    "activities": "每个品牌或法庭项目的活动记录，用于品牌跟踪问效。",
}
# How to write paragraphs and lists in a text box that keeps what is typed (the schema says "可用 Markdown").
MARKDOWN_HINT = "段与段之间空一行；列表每项单独一行，以“- ”开头；要加粗的字两边各加两个星号。"
