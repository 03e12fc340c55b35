"""Certificates of completion as PDF files (fpdf2: pure Python, no system libraries), with the
verification code and the public address where anyone can check it.

Text is written with a Unicode TrueType font when one is configured (``CERTIFICATE_FONT``, by
default DejaVu Sans where the system has it: Latin, Greek and Cyrillic); without one, the PDF's
built-in Helvetica is used and characters it cannot show are replaced by "?". Chinese names
need a CJK font (e.g. Noto Sans CJK) set in ``CERTIFICATE_FONT``."""

from pathlib import Path

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF

from training.models import Enrolment

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _font_path() -> str | None:
    path = getattr(settings, "CERTIFICATE_FONT", DEFAULT_FONT)
    return path if path and Path(path).is_file() else None


class _Certificate(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="landscape", format="A4")
        self.set_auto_page_break(auto=False)
        self.set_margins(20, 20, 20)
        font = _font_path()
        if font:
            self.add_font("cert", "", font)
            self._face = "cert"
            self._unicode = True
        else:
            self._face = "helvetica"
            self._unicode = False

    def line_of(self, text: str, size: float, *, gap: float = 4, grey: bool = False) -> None:
        if not self._unicode:
            text = text.encode("latin-1", "replace").decode("latin-1")
        self.set_font(self._face, size=size)
        self.set_text_color(90, 98, 112) if grey else self.set_text_color(27, 34, 48)
        self.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)


def certificate_pdf(*, enrolment: Enrolment, verify_url: str, compress: bool = True) -> bytes:
    """One landscape A4 page, in the active language."""
    session, course, holder = enrolment.session, enrolment.session.course, enrolment.user
    doc = _Certificate()
    doc.set_compression(compress)
    doc.set_title(_("Certificate of completion"))
    doc.set_creator("Global Hub")
    doc.add_page()
    doc.set_draw_color(31, 78, 140)
    doc.set_line_width(1)
    doc.rect(10, 10, doc.w - 20, doc.h - 20)
    doc.set_y(30)
    doc.line_of(_("Global Hub training"), 12, grey=True)
    doc.line_of(_("Certificate of completion"), 26, gap=10)
    doc.line_of(_("This certifies that"), 13, grey=True)
    doc.line_of(holder.full_name, 22, gap=2)
    if holder.agency:
        doc.line_of(holder.agency.name, 12, grey=True)
    doc.line_of(_("completed the course"), 13, grey=True)
    doc.line_of(course.title, 18, gap=2)
    session_date = formats.date_format(session.starts_at, "DATE_FORMAT")
    doc.line_of(
        _("session of %(date)s (%(hours)s h)")
        % {"date": session_date, "hours": course.duration_hours},
        12,
        grey=True,
    )
    if enrolment.completed_at:
        doc.line_of(
            _("Completion recorded on %(date)s")
            % {"date": formats.date_format(enrolment.completed_at, "DATE_FORMAT")},
            12,
            grey=True,
            gap=10,
        )
    doc.line_of(f"{_('Verification code')}: {enrolment.certificate_code}", 14, gap=2)
    doc.line_of(f"{_('Check it at')} {verify_url}", 11, grey=True)
    if course.is_demo:
        doc.line_of(_("fictional demo course"), 10, grey=True)
    return bytes(doc.output())
