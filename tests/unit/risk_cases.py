"""What the risk score's unit tests share: a client healthy on every factor."""

import dataclasses

from conftest import load_lib

risk = load_lib("client_retention", "risk")

Input = risk.RiskInput
SETTINGS = risk.RiskSettings()

# A client with data for every factor and no sign of trouble in any: every
# weight takes part (the defaults sum to 100), so a weight is its points.
HEALTHY = Input(
    days_since_last=20,
    avg_interval_days=30,
    purchase_days=12,
    tenure_days=400,
    recent_count=3,
    previous_count=3.0,
    recent_revenue=900.0,
    previous_revenue=850.0,
    claims=0,
    unfounded_claims=0,
    sla_breaches=0,
    overdue_amount=0.0,
    avg_invoice_amount=300.0,
    avg_payment_delay_days=-2.0,  # pays early
    rating_count=4,
    low_rating_count=0,
    satisfaction=85.0,
)
# 96 days against the usual 32, dormant after 90: 6 days past the threshold
# of the 275 to a silent leave (365), 0.8 + 0.2 × 6 / 275 = 0.8044
RECENCY_96_32 = 0.8 + 0.2 * 6 / 275


def healthy(**changes):
    return dataclasses.replace(HEALTHY, **changes)
