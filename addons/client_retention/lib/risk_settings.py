"""The settings of the retention signals, their defaults and their checks.

One ``RiskSettings`` holds every knob the scan uses: the risk weights and
level thresholds, the dormancy floor and factor, the silent-leave days, the
windows the counts are taken over, and the "full at" scales where a factor
reaches its whole weight. ``validate_settings`` returns problem codes, never
messages: the Odoo layer turns each code into a translated sentence (see the
codes in its docstring). ``risk`` re-exports all of it.
"""

from dataclasses import dataclass, fields

from . import dormancy

LOW = "low"
MEDIUM = "medium"
HIGH = "high"
LEVELS = [(LOW, "Low"), (MEDIUM, "Medium"), (HIGH, "High")]
LOW_RATING_MAX = 2  # ratings of 1 and 2 (of 5) are low

FACTORS = (
    "recency",
    "few_purchases",
    "short_tenure",
    "frequency_drop",
    "revenue_drop",
    "claims",
    "unfounded_claims",
    "sla_breaches",
    "overdue",
    "payment_delay",
    "low_ratings",
    "low_satisfaction",
)


@dataclass(frozen=True)
class RiskSettings:
    """Every knob of the retention signals, with its default.

    Field names follow the company settings without their ``retention_``
    prefix (``dormancy_floor_days`` ↔ ``retention_dormancy_floor_days``).
    """

    weight_recency: float = 35.0
    weight_few_purchases: float = 10.0
    weight_short_tenure: float = 0.0
    weight_frequency_drop: float = 5.0
    weight_revenue_drop: float = 5.0
    weight_claims: float = 10.0
    weight_unfounded_claims: float = 5.0
    weight_sla_breaches: float = 10.0
    weight_overdue: float = 5.0
    weight_payment_delay: float = 5.0
    weight_low_ratings: float = 5.0
    weight_low_satisfaction: float = 5.0
    medium_threshold: int = 40
    high_threshold: int = 70
    dormancy_floor_days: int = dormancy.FLOOR_DAYS
    dormancy_factor: float = dormancy.FACTOR
    silent_leave_days: int = dormancy.SILENT_LEAVE_DAYS
    trend_window_days: int = 90
    claims_window_days: int = 90
    sla_window_days: int = 90
    ratings_window_days: int = 365
    claims_full: float = 3.0
    unfounded_claims_full: float = 2.0
    sla_breaches_full: float = 2.0
    sla_breaches_for_medium: int = 2
    overdue_full_invoices: float = 2.0
    payment_delay_full_days: float = 30.0
    tenure_full_days: float = 365.0
    satisfaction_threshold: float = 60.0

    def weight(self, code):
        return getattr(self, f"weight_{code}")


DEFAULT_SETTINGS = RiskSettings()
SETTING_NAMES = tuple(field.name for field in fields(RiskSettings))
_DAYS = (
    "dormancy_floor_days",
    "silent_leave_days",
    "trend_window_days",
    "claims_window_days",
    "sla_window_days",
    "ratings_window_days",
)
_SCALES = (
    "claims_full",
    "unfounded_claims_full",
    "sla_breaches_full",
    "overdue_full_invoices",
    "payment_delay_full_days",
    "tenure_full_days",
)


def validate_settings(settings):
    """Problem codes of ``settings``, in a fixed order; empty when valid.

    ``negative_weight``, ``weights_sum_zero``, ``negative_days`` (a window,
    the floor or the silent-leave days below 0), ``factor_below_one``,
    ``silent_leave_before_floor``, ``scale_not_positive`` (a "full at" value
    of 0 or less), ``negative_breach_count``, ``threshold_range`` (not
    0 < threshold ≤ 100), ``thresholds_order`` (medium not below high),
    ``satisfaction_threshold_range`` (not 0–100).
    """
    weights = [settings.weight(code) for code in FACTORS]
    checks = [
        ("negative_weight", any(w < 0 for w in weights)),
        ("weights_sum_zero", sum(weights) == 0),
        ("negative_days", any(getattr(settings, n) < 0 for n in _DAYS)),
        ("factor_below_one", settings.dormancy_factor < 1),
        (
            "silent_leave_before_floor",
            settings.silent_leave_days <= settings.dormancy_floor_days,
        ),
        ("scale_not_positive", any(getattr(settings, n) <= 0 for n in _SCALES)),
        ("negative_breach_count", settings.sla_breaches_for_medium < 0),
        (
            "threshold_range",
            not all(
                0 < t <= 100
                for t in (settings.medium_threshold, settings.high_threshold)
            ),
        ),
        ("thresholds_order", settings.medium_threshold >= settings.high_threshold),
        (
            "satisfaction_threshold_range",
            not 0 <= settings.satisfaction_threshold <= 100,
        ),
    ]
    return [code for code, failed in checks if failed]
