"""The churn-risk weights of 19.0.1.1.0: factors without data drop out of the
weighting and two purchase factors are new (few purchases, short tenure), so
the default weights changed. A company that still has the old defaults gets
the new ones; weights a manager set by hand (or fitted) are left alone."""

from odoo import SUPERUSER_ID, api

OLD_DEFAULTS = {
    "recency": 30.0,
    "frequency_drop": 10.0,
    "revenue_drop": 10.0,
    "claims": 10.0,
    "unfounded_claims": 5.0,
    "sla_breaches": 10.0,
    "overdue": 5.0,
    "payment_delay": 5.0,
    "low_ratings": 10.0,
    "low_satisfaction": 5.0,
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    from odoo.addons.client_retention.lib import risk

    new = {
        f"retention_weight_{code}": risk.DEFAULT_SETTINGS.weight(code)
        for code in risk.FACTORS
    }
    for company in env["res.company"].search([]):
        if all(
            company[f"retention_weight_{code}"] == weight
            for code, weight in OLD_DEFAULTS.items()
        ):
            company.write(new)
