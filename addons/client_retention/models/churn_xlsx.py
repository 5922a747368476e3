"""The churn workbook (xlsxwriter): Summary, Trend with a native chart,
Reasons, Salespeople, Lost clients and Cohorts.

Numbers stay numbers with formats; every text goes through :func:`_text`, so
a client named ``=HYPERLINK(…)`` is written as text, never as a formula.
"""

import io

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(sheet, row, col, value, fmt=None):
    """Write ``value`` as a string cell whatever it starts with."""
    sheet.write_string(row, col, "" if value is None else str(value), fmt)


class ChurnWorkbook:
    def __init__(self, labels, currency_format):
        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.labels = labels
        add = self.book.add_format
        self.header = add(
            {"bold": True, "bg_color": "#E9ECEF", "border": 1, "text_wrap": True}
        )
        self.title = add({"bold": True, "font_size": 14})
        self.money = add({"num_format": currency_format})
        self.pct = add({"num_format": '0.00"%"'})
        self.int = add({"num_format": "0"})
        self.num = add({"num_format": "0.00"})
        self.date = add({"num_format": "yyyy-mm-dd"})
        self.status = {
            "ok": add({"bold": True, "bg_color": "#D1E7DD", "font_color": "#0F5132"}),
            "warning": add(
                {"bold": True, "bg_color": "#FFF3CD", "font_color": "#664D03"}
            ),
            "critical": add(
                {"bold": True, "bg_color": "#F8D7DA", "font_color": "#842029"}
            ),
        }

    def _table(self, sheet, headers, rows, formats, widths=None):
        """Headers frozen with an autofilter, then typed rows."""
        for col, header in enumerate(headers):
            _text(sheet, 0, col, header, self.header)
            sheet.set_column(col, col, (widths or {}).get(col, 16))
        for r, row in enumerate(rows, start=1):
            for col, (value, fmt) in enumerate(zip(row, formats, strict=True)):
                if value is None or value is False:
                    sheet.write_blank(r, col, None)
                elif fmt == "text":
                    _text(sheet, r, col, value)
                elif fmt == "date":
                    sheet.write_datetime(r, col, _as_datetime(value), self.date)
                else:
                    sheet.write_number(r, col, float(value), getattr(self, fmt))
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)

    def summary(self, title, kpis, status_code, status_label):
        sheet = self.book.add_worksheet(self.labels["sheet_summary"])
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 1, 22)
        _text(sheet, 0, 0, title, self.title)
        row = 2
        for label, value, fmt in kpis:
            _text(sheet, row, 0, label, self.header)
            if fmt == "text":
                _text(sheet, row, 1, value)
            else:
                sheet.write_number(row, 1, float(value or 0), getattr(self, fmt))
            row += 1
        _text(sheet, row, 0, self.labels["status"], self.header)
        _text(sheet, row, 1, status_label, self.status[status_code])
        sheet.freeze_panes(2, 0)

    def trend(self, headers, rows):
        sheet = self.book.add_worksheet(self.labels["sheet_trend"])
        formats = [
            "date",
            "date",
            "int",
            "int",
            "int",
            "int",
            "int",
            "pct",
            "money",
            "money",
            "money",
            "num",
        ]
        self._table(sheet, headers, rows, formats)
        if rows:
            chart = self.book.add_chart({"type": "line"})
            last = len(rows)
            name = self.labels["sheet_trend"]
            chart.add_series(
                {
                    "name": [name, 0, 7],
                    "categories": [name, 1, 0, last, 0],
                    "values": [name, 1, 7, last, 7],
                    "marker": {"type": "circle"},
                }
            )
            chart.add_series(
                {
                    "name": [name, 0, 8],
                    "categories": [name, 1, 0, last, 0],
                    "values": [name, 1, 8, last, 8],
                    "y2_axis": True,
                }
            )
            chart.set_title({"name": self.labels["chart_title"]})
            chart.set_y_axis({"name": headers[7]})
            chart.set_y2_axis({"name": headers[8]})
            chart.set_size({"width": 900, "height": 380})
            sheet.insert_chart(last + 3, 0, chart)

    def grouped(self, sheet_label, headers, rows):
        sheet = self.book.add_worksheet(self.labels[sheet_label])
        self._table(sheet, headers, rows, ["text", "int", "money"], {0: 36})

    def lost_clients(self, headers, rows):
        sheet = self.book.add_worksheet(self.labels["sheet_lost"])
        formats = ["text", "date", "text", "text", "text", "money", "date", "text"]
        self._table(sheet, headers, rows, formats, {0: 32, 2: 28, 7: 40})

    def cohorts(self, headers, rows):
        sheet = self.book.add_worksheet(self.labels["sheet_cohorts"])
        width = max((len(row) for row in rows), default=len(headers))
        formats = ["text", "int"] + ["pct"] * (width - 2)
        padded = [list(row) + [None] * (width - len(row)) for row in rows]
        self._table(sheet, headers[:width], padded, formats[:width])
        if rows and width > 2:
            sheet.conditional_format(
                1,
                2,
                len(rows),
                width - 1,
                {
                    "type": "3_color_scale",
                    "min_color": "#F8D7DA",
                    "mid_color": "#FFF3CD",
                    "max_color": "#D1E7DD",
                    "min_type": "num",
                    "min_value": 0,
                    "max_type": "num",
                    "max_value": 100,
                },
            )

    def close(self):
        self.book.close()
        return self.buffer.getvalue()


def _as_datetime(day):
    from datetime import datetime

    return datetime(day.year, day.month, day.day)
