"""Losses of 19.0.1.2.0 are priced on the client's 12 months before the
loss (``churn_sql.revenue_before_loss``), and the churn analytics now read
that price from the event. The losses the module recorded itself (silent
leaves, offboarding) are priced again that way; a silent leave used to get
the 12 months before the scan, often nothing. Losses recorded by hand keep
what their author saw or corrected."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Event = env["client.churn.event"]
    events = Event.search([("source", "in", ("dormancy", "offboarding"))])
    for name in ("avg_invoice_amount", "invoices_per_year", "lost_annual_revenue"):
        env.add_to_compute(Event._fields[name], events)
    events.flush_recordset()
