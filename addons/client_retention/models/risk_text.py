"""The risk breakdown in words a manager understands, in the user's language.

``lib.risk`` stores each factor as ``(code, points, values)``; this turns one
into a sentence such as "no purchase for 96 days, 3× the usual 32 days: +28".
"""

from babel.units import format_unit

from odoo.tools.misc import babel_locale_parse, format_amount, formatLang

MONEY = ("amount", "usual_amount")  # the values that are amounts
DAYS = ("days", "usual_days", "dormant_days")  # the values that are days


def days_text(env, days):
    """``days`` with its word, agreed in the reader's language: "1 day",
    "21 день", "5 дней", "1 452 дни" (CLDR plural rules, through Babel)."""
    return format_unit(
        days, "duration-day", locale=babel_locale_parse(env.lang or "en_US")
    )


def months_text(env, months):
    """``months`` with its word: "3 months", "3 месяца", "6 месеца"."""
    return format_unit(
        months, "duration-month", locale=babel_locale_parse(env.lang or "en_US")
    )


def _formatted(env, values, currency):
    """The factor's values as the reader writes them: "3,8", "1 452",
    amounts in the company currency."""

    def number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return value
        digits = 0 if float(value).is_integer() else 1
        return formatLang(env, value, digits=digits)

    formatted = {key: number(value) for key, value in values.items()}
    for key in DAYS:
        if isinstance(values.get(key), (int, float)):
            formatted[key] = days_text(env, round(values[key]))
    for key in MONEY:
        if key in values and currency:
            formatted[key] = format_amount(env, values[key] or 0.0, currency)
    return formatted


def _sentence(env, code, raw, currency):
    """Numbers are written in the reader's language ("3,8×", "1 452,41")."""
    _ = env._
    values = _formatted(env, raw, currency)

    if code == "recency":
        if raw.get("usual_days"):
            return _(
                "no purchase for %(days)s, %(times)s× the usual %(usual)s",
                days=values["days"],
                times=values["times"],
                usual=values["usual_days"],
            )
        return _(
            "no purchase for %(days)s (dormant after %(limit)s)",
            days=values["days"],
            limit=values["dormant_days"],
        )
    if code == "few_purchases":
        return _(
            "only %(purchases)s purchase day(s) so far", purchases=values["purchases"]
        )
    if code == "short_tenure":
        return _("a client for %(days)s only", days=values["days"])
    if code == "frequency_drop":
        return _(
            "%(count)s invoice(s) in the last %(days)s against %(usual)s "
            "usually (−%(drop)s%%)",
            count=values["count"],
            days=values["days"],
            usual=values["usual_count"],
            drop=values["drop_pct"],
        )
    if code == "revenue_drop":
        return _(
            "%(amount)s bought in the last %(days)s against %(usual)s "
            "usually (−%(drop)s%%)",
            amount=values["amount"],
            days=values["days"],
            usual=values["usual_amount"],
            drop=values["drop_pct"],
        )
    if code == "claims":
        return _(
            "%(claims)s claim(s) in the last %(days)s",
            claims=values["claims"],
            days=values["days"],
        )
    if code == "unfounded_claims":
        return _(
            "%(claims)s unfounded claim(s) in the last %(days)s",
            claims=values["claims"],
            days=values["days"],
        )
    if code == "sla_breaches":
        text = _(
            "%(breaches)s missed deadline(s) in the last %(days)s",
            breaches=values["breaches"],
            days=values["days"],
        )
        if raw.get("minimum_breaches"):
            text = _(
                "%(text)s (%(minimum)s or more make at least medium risk)",
                text=text,
                minimum=values["minimum_breaches"],
            )
        return text
    if code == "overdue":
        return _(
            "%(amount)s overdue, %(invoices)s× the average invoice",
            amount=values["amount"],
            invoices=values["invoices"],
        )
    if code == "payment_delay":
        return _("pays %(days)s late on average", days=values["days"])
    if code == "low_ratings":
        return _(
            "%(low)s of %(ratings)s rating(s) low (%(share)s%%) in the last %(days)s",
            low=values["low"],
            ratings=values["ratings"],
            share=values["share_pct"],
            days=values["days"],
        )
    if code == "low_satisfaction":
        return _(
            "satisfaction %(score)s%% in the last survey (below %(threshold)s%%)",
            score=values["satisfaction"],
            threshold=values["threshold"],
        )
    return code


def risk_lines(env, factors, currency):
    """One line per factor, most points first: "sentence: +points"."""
    return [
        f"{_sentence(env, code, values or {}, currency)}: +{points}"
        for code, points, values in factors or ()
    ]
