"""What every page shows from data besides the masthead and footer (issue 12c): the banner of a planned interruption
(data/tam-ngung.yaml, counted in working days with data/ngay-nghi.yaml) and the link to the feedback channel
(`kenh_gop_y` of data/to-chuc.yaml). Plain values for the theme (overrides/), like khcn.pages.render.theme_context.
"""

from __future__ import annotations

from datetime import date

from khcn.core.formatting import clock, day
from khcn.core.workdays import banner_shows, days_off
from khcn.data.dataset import SiteData

FEEDBACK_LABEL = "Góp ý, đánh giá mức độ hài lòng"


def holiday_days(site: SiteData) -> frozenset[date]:
    return days_off((holiday.day, holiday.last_day) for holiday in site.holidays or ())


def interruption_banner(site: SiteData, today: date | None) -> dict | str:
    """The banner's words while it shows on `today`, else "" (no banner; also when the build has no date)."""
    notice = site.interruption
    if notice is None or today is None:
        return ""
    if not banner_shows(today, notice.start.date(), notice.end.date(), notice.announced, notice.force_majeure,
                        holiday_days(site)):
        return ""
    return {"title": "Thông báo tạm ngừng hoạt động",
            "when": (f"Trang tạm ngừng hoạt động từ {clock(notice.start)} ngày {day(notice.start)} đến "
                     f"{clock(notice.end)} ngày {day(notice.end)} (dự kiến hoạt động trở lại).")
            if not notice.force_majeure else
            (f"Trang tạm ngừng hoạt động do sự cố bất khả kháng từ {clock(notice.start)} ngày {day(notice.start)}, "
             f"dự kiến hoạt động trở lại lúc {clock(notice.end)} ngày {day(notice.end)}."),
            "message": notice.message}


def feedback_link(site: SiteData) -> dict | str:
    """The channel data names: the provincial portal's form, else an e-mail address; "" when there is none."""
    channel = site.organisation.feedback
    if channel is None:
        return ""
    if channel.web:
        return {"href": channel.web, "label": FEEDBACK_LABEL}
    return {"href": f"mailto:{channel.email}", "label": f"{FEEDBACK_LABEL}: {channel.email}"}
