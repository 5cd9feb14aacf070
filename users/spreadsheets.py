"""The admin's CSV exports, safe to open in a spreadsheet.

Wagtail writes CSV cells as they are: it leaves formula injection to the spreadsheet, by
policy. Yet what anyone types reaches the admin's reports: a search term, the name given when
subscribing to the newsletter. A cell that begins with = + - @, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (=HYPERLINK(…) sends the sheet's data
away); an apostrophe in front makes it text again, and shows as nothing more. Wagtail's XLSX
exports need nothing: they store every cell that looks like a formula as a string.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell):
    """The CSV cell `cell`, as text a spreadsheet will not run."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


def escape_every_csv_export():
    """Every CSV the admin exports (Wagtail's reports and listings, the project's own: all are
    SpreadsheetExportMixin views) has its cells through escape_formula, once Wagtail has
    turned each value into what it writes."""
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    if getattr(preprocess, "escapes_formulas", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        cell = preprocess(self, field, value, export_format)
        return escape_formula(cell) if export_format == self.FORMAT_CSV else cell

    preprocess_field_value.escapes_formulas = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
