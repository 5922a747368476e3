from odoo import models

from .churn_xlsx import ChurnWorkbook


class ClientChurnAnalysisXlsx(models.AbstractModel):
    """The churn analysis as an Excel workbook (mixed into the analysis)."""

    _name = "client.churn.analysis.xlsx"
    _description = "Churn Analysis Workbook"

    def _xlsx_labels(self):
        _ = self.env._
        return {
            "sheet_summary": _("Summary"),
            "sheet_trend": _("Trend"),
            "sheet_reasons": _("Reasons"),
            "sheet_salespeople": _("Salespeople"),
            "sheet_lost": _("Lost clients"),
            "sheet_cohorts": _("Cohorts"),
            "status": _("Status"),
            "chart_title": _("Churn rate and monetary churn"),
        }

    def _per_period_label(self):
        """What monetary churn is per, in the analysis's granularity."""
        _ = self.env._
        return {
            "month": _("Revenue lost per month"),
            "quarter": _("Revenue lost per quarter"),
            "year": _("Revenue lost per year"),
        }[self.granularity]

    def _xlsx_content(self):
        _ = self.env._
        rows = self.get_period_rows()
        breakdowns = self.get_breakdowns()
        symbol = self.currency_id.symbol or ""
        book = ChurnWorkbook(self._xlsx_labels(), f'#,##0.00 "{symbol}"')
        status_label = dict(
            self._fields["churn_status"]._description_selection(self.env)
        )
        book.summary(
            _(
                "Churn %(start)s – %(end)s, %(company)s",
                start=self.date_from,
                end=self.date_to,
                company=self.company_id.name,
            ),
            [
                (_("Clients at start"), self.clients_at_start, "int"),
                (_("New clients"), self.new_clients, "int"),
                (_("Lost clients"), self.lost_clients, "int"),
                (_("Won back"), self.won_back, "int"),
                (_("Churn rate"), self.churn_rate, "pct"),
                (_("Churn per year"), self.annualized_churn_rate, "pct"),
                (self._per_period_label(), self.monetary_churn, "money"),
                (_("Lost annual revenue"), self.lost_annual_revenue, "money"),
                (_("Win-back rate"), self.win_back_rate, "pct"),
                (_("Save rate"), self.save_rate, "pct"),
            ],
            self.churn_status,
            status_label[self.churn_status],
        )
        names = [
            _("Period start"),
            _("Period end"),
            _("Clients at start"),
            _("New clients"),
            _("New and lost"),
            _("Lost clients"),
            _("Won back"),
            _("Churn rate"),
            self._per_period_label(),
            _("Lost annual revenue"),
            _("Average invoice"),
            _("Invoices per period"),
        ]
        book.trend(names, [list(row.values()) for row in rows])
        grouped = [_("Clients lost"), _("Lost annual revenue")]
        book.grouped("sheet_reasons", [_("Reason"), *grouped], breakdowns["reason"])
        book.grouped(
            "sheet_salespeople", [_("Salesperson"), *grouped], breakdowns["salesperson"]
        )
        initiated = dict(
            self.env["client.churn.event"]
            ._fields["initiated_by"]
            ._description_selection(self.env)
        )
        book.lost_clients(
            [
                _("Client"),
                _("Lost on"),
                _("Reason"),
                _("Initiated by"),
                _("Salesperson"),
                _("Lost annual revenue"),
                _("Won back on"),
                _("What the client said"),
            ],
            [
                (
                    event.partner_id.display_name,
                    event.date,
                    event.reason_id.display_name or "",
                    initiated.get(event.initiated_by, ""),
                    event.user_id.name or "",
                    # as churn_sql.LOST_REVENUE: a client won back costs nothing
                    event.lost_annual_revenue if event.state == "lost" else 0.0,
                    event.won_back_date or None,
                    event.stated_reason or "",
                )
                for event in self.get_top_lost(limit=None)
            ],
        )
        cohorts = self.get_cohorts()
        width = max((len(shares) for _m, _s, shares in cohorts), default=0)
        book.cohorts(
            [_("First purchase month"), _("Clients")]
            + [_("Month %(offset)s", offset=offset) for offset in range(width)],
            [
                (month.strftime("%Y-%m"), size, *shares)
                for month, size, shares in cohorts
            ],
        )
        return book.close()

    def action_export_xlsx(self):
        """Attach the churn workbook to the analysis and download it."""
        self.ensure_one()
        self._check_dates()
        name = self.env._(
            "churn_%(start)s_%(end)s.xlsx", start=self.date_from, end=self.date_to
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": self._xlsx_content(),
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
