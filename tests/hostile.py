"""Hostile strings an editor's text may hold, shared by the tests of both lines of defence.

`HOSTILE` (named, ids for pytest): each must be refused when data is loaded (khcn.data.markup), wherever it is
typed: any text field of any data kind, a report's text, a bulletin's body. Texts are single lines unless they need a
second one (a reference definition).

`HOSTILE_TEXTS`: what an attacker, a careless paste or an old page may put in any text field, put into records after
validation (tests/poisoning.py), to test that the second line (khcn.publish.sanitize) publishes them harmless.
"""

from __future__ import annotations

HOSTILE: dict[str, str] = {
    # raw HTML
    "script": "Tin <script>alert(1)</script> mới",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)>",
    "iframe": "<iframe src=https://example.org></iframe>",
    "closing-tag": "Chữ </p><p onclick=alert(1)>chữ",
    "uppercase-tag": "<SCRIPT>alert(1)</SCRIPT>",
    "comment": "Chữ <!-- ẩn --> chữ",
    "doctype": "<!DOCTYPE html>",
    "processing": "<?php echo 1; ?>",
    "unicode-tag-name": "cân <thông dụng>",
    "bogus-autolink": "<javascript:alert(1)>",
    # addresses of links and images
    "link-javascript": "[x](javascript:alert(1))",
    "link-mixed-case-space": "[x]( JaVaScRiPt:alert(1))",
    "link-entity": "[x](jav&#x61;script:alert(1))",
    "link-decimal-entity": "[x](&#106;avascript:alert(1))",
    "link-entity-colon": "[x](javascript&colon;alert(1))",
    "link-tab": "[x](java\tscript:alert(1))",
    "link-newline": "[x](java\nscript:alert(1))",
    "link-angle": "[x](<javascript:alert(1)>)",
    "link-data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "link-vbscript": "[x](vbscript:msgbox(1))",
    "reference-definition": "[x][r]\n[r]: javascript:alert(1)",
    "image-alt-quote": "![a\"onerror=alert(1)](x)",
    "image-elsewhere": "![ảnh](https://example.org/theo-doi.png)",
    "image-name-breaks-out": "![ảnh](/anh/a.jpg\"onerror=\"alert(1))",
    "image-reference": "![ảnh][r]",
    # attribute lists (attr_list)
    "attr-block": "{: onmouseover=alert(1)}",
    "attr-heading": "# T {#x onclick=y}",
    "attr-inline": "*x*{ onclick=alert(1) }",
    "attr-link": "[x](https://example.org){onclick=alert(1)}",
    "attr-image": "![ảnh](/anh/a.jpg){ onerror=alert(1) }",
    "attr-class": "Chữ {.lop}",
    "attr-in-reference-braces": "{{ onclick=alert(1) }}",
    # characters
    "nul": "Chữ\x00chữ",
    "esc": "Chữ \x1b[31m đỏ",
    "bell": "Chữ\x07",
    "del": "Chữ\x7f",
    "c1": "Chữ\x9b31m",
    "carriage-return": "Chữ\rchữ",
    "rlo": "Tệp \u202egnp.exe",
    "lre": "\u202aChữ",
    "isolate": "Chữ \u2066x\u2069",
    "rlm": "Chữ\u200f",
}

HOSTILE_TEXTS = [
    '<script>alert("xss-1")</script>',
    "<img src=x onerror=alert('xss-2')>",
    "<svg onload=alert('xss-3')></svg>",
    "<iframe src=\"javascript:alert('xss-4')\"></iframe>",
    "[bấm vào đây](javascript:alert('xss-5'))",
    "![ảnh](javascript:alert('xss-6'))",
    "[dữ liệu](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLTcnKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox('xss-8'))",
    "[mã hoá](javascript&#58;alert('xss-9'))",
    "<a href=\"JaVaScRiPt:alert('xss-10')\">liên kết</a>",
    "chữ {onmouseover=\"alert('xss-11')\"}",
    "chữ {: onclick=\"alert('xss-12')\" }",
    "*nhấn*{onmouseover=alert('xss-13')}",
    "\" onmouseover=\"alert('xss-14')",
    "' onfocus='alert(\"xss-15\")' autofocus='",
    "</p><script>alert('xss-16')</script><p>",
    "--><script>alert('xss-17')</script><!--",
    "]]></title><script>alert('xss-18')</script>",
    "\n\n<script>alert('xss-19')</script>\n\n",
    "\n\n## Đầu mục <img src=x onerror=alert('xss-24')> [x](javascript:alert('xss-25'))"
    " {#a onclick=alert('xss-26')}\n\n",
    "<details open ontoggle=alert('xss-20')>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss-21')>",
    "&lt;script&gt;alert('xss-22')&lt;/script&gt;",
    "<style>body{display:none}</style>",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "=HYPERLINK(\"https://example.invalid\",\"xss-23\")",
    "a\x00b\x1b[31mc\u202etxt.exe\u2066d\u2069",
]
