"""Hostile texts: what an attacker, a careless paste or an old page may put in any text field. A plain list, shared by
the tests of both lines of defence (refused at validation; harmless once published)."""

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
