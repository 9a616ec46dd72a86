"""The page frame: inline CSS, a header with the caller, and the security headers of every page.

Pages load nothing from elsewhere (no CDN, no script): the style sheet is inline and the charts
are SVG drawn on the server, so the policy below can forbid everything else.
"""

from __future__ import annotations

from html import escape
from string import Template

from fastapi.responses import HTMLResponse
from shared.http.tab_icon import TAB_ICON

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
 background:#f4f5f7;color:#1f2933;font-size:14px}
header{display:flex;align-items:center;justify-content:space-between;padding:10px 24px;
 background:#b3122b;color:#fff}
header h1{font-size:18px;margin:0;font-weight:600}
header form{margin:0}
main{padding:14px 24px;max-width:1280px;margin:0 auto}
.linkish{background:none;border:1px solid rgba(255,255,255,.6);color:#fff;border-radius:4px;
 padding:3px 10px;cursor:pointer;font:inherit}
.panel{background:#fff;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:12px 16px}
.pickers{display:flex;flex-wrap:wrap;gap:12px;align-items:end;margin-bottom:12px}
.pickers label{display:flex;flex-direction:column;gap:3px;font-size:12px;color:#52606d}
select,button,textarea,input{font:inherit}
.pickers input{padding:3px 6px}
select{padding:4px 6px;min-width:120px}
.primary{background:#b3122b;color:#fff;border:0;border-radius:4px;padding:6px 16px;cursor:pointer}
.exports{margin-left:auto;display:flex;gap:10px;align-items:center}
.exports a{color:#1f6fb2}
.cards{display:grid;grid-template-columns:repeat(7,minmax(0,1fr));gap:10px;margin-bottom:12px}
.card{background:#fff;border-radius:6px;box-shadow:0 1px 2px rgba(0,0,0,.08);padding:8px 12px}
.card .label{font-size:12px;color:#52606d}
.card .value{font-size:22px;font-weight:600;margin-top:2px}
.card .sub{font-size:12px;color:#52606d;margin-top:2px}
.charts{display:grid;grid-template-columns:3fr 2fr;gap:12px}
.charts h2{font-size:15px;margin:0 0 6px}
.note{font-size:12px;color:#52606d;margin:4px 0 0}
.login{max-width:560px;margin:60px auto}
.login textarea{width:100%;height:110px;margin:8px 0;font-family:monospace;font-size:12px}
.error{color:#b3122b;font-weight:600}
.figures{width:100%;border-collapse:collapse;font-size:13px}
.figures th,.figures td{border-bottom:1px solid #e4e7eb;padding:5px 8px;text-align:right}
.figures th:first-child,.figures td:first-child{text-align:left}
.figures th,.figures td{white-space:nowrap}
.figures tr.own td{color:#52606d}
.figures tr.total td,.figures tr.total th{font-weight:600;border-top:2px solid #9aa5b1}
.figures tbody th{font-weight:400}
.breakdown{margin-top:12px}
.breakdown h2{font-size:15px;margin:0 0 6px}
.annual-table thead th{text-align:center}
.annual-table tbody th{text-align:left;font-weight:400}
.figures.facts th,.figures.facts td{text-align:left}
.annual-table tbody th[scope=rowgroup],.annual-table tbody th[colspan]{font-weight:600}
.scroll{overflow-x:auto;max-width:100%}
.crumbs{font-size:13px;margin:0 0 6px;color:#52606d}
.crumbs a,.figures a{color:#1f6fb2}
.charts>*,.cards>*{min-width:0}
svg{max-width:100%;height:auto}
@media (max-width:720px){
 header{padding:8px 12px}
 header h1{font-size:15px}
 main{padding:10px 8px}
 .cards{grid-template-columns:repeat(2,minmax(0,1fr))}
 .charts{grid-template-columns:minmax(0,1fr)}
 .charts .panel+.panel{margin-top:0}
 .pickers{gap:8px}
 .pickers label{flex:1 1 40%}
 select,.pickers input{min-width:0;width:100%}
 .exports{margin-left:0;flex-wrap:wrap}
}
"""

_PAGE = Template("""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title · UnionHub 统计报表</title><link rel="icon" href="$icon"><style>$style</style></head>
<body><header><h1>UnionHub 工会统计报表</h1>$account</header>
<main>$body</main></body></html>""")

_ACCOUNT = Template(
    '<form method="post" action="/logout"><span>$who</span> '
    '<button class="linkish" type="submit">退出登录</button></form>'
)


def page(title: str, body: str, *, who: str | None = None, status: int = 200) -> HTMLResponse:
    """A whole page around ``body`` (already escaped HTML); ``who`` adds the logout control."""
    account = "" if who is None else _ACCOUNT.substitute(who=escape(who))
    html = _PAGE.substitute(
        title=escape(title), icon=TAB_ICON, style=_STYLE, account=account, body=body
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def message_page(status: int, title: str, detail: str, *, who: str | None = None) -> HTMLResponse:
    """An error or notice page with a way back."""
    body = (
        f'<div class="panel login"><h2>{escape(title)}</h2><p>{escape(detail)}</p>'
        '<p><a href="/dashboard">返回仪表板</a> · <a href="/">重新登录</a></p></div>'
    )
    return page(title, body, who=who, status=status)
