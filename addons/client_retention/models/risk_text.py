"""The risk breakdown in words a manager understands, in the user's language.

``lib.risk`` stores each factor as ``(code, points, values)``; this turns one
into a sentence such as "no purchase for 96 days, 3× the usual 32 days: +28".
"""

from odoo.tools.misc import format_amount


def _sentence(env, code, values, currency):
    _ = env._

    def money(amount):
        return format_amount(env, amount or 0.0, currency) if currency else amount

    if code == "recency":
        if values.get("usual_days"):
            return _(
                "no purchase for %(days)s days, %(times)s× the usual %(usual)s days",
                days=values["days"],
                times=values["times"],
                usual=values["usual_days"],
            )
        return _(
            "no purchase for %(days)s days (dormant after %(limit)s days)",
            days=values["days"],
            limit=values["dormant_days"],
        )
    if code == "few_purchases":
        return _(
            "only %(purchases)s purchase day(s) so far", purchases=values["purchases"]
        )
    if code == "short_tenure":
        return _("a client for %(days)s days only", days=values["days"])
    if code == "frequency_drop":
        return _(
            "%(count)s invoice(s) in the last %(days)s days against %(usual)s "
            "usually (−%(drop)s%%)",
            count=values["count"],
            days=values["days"],
            usual=values["usual_count"],
            drop=values["drop_pct"],
        )
    if code == "revenue_drop":
        return _(
            "%(amount)s bought in the last %(days)s days against %(usual)s "
            "usually (−%(drop)s%%)",
            amount=money(values["amount"]),
            days=values["days"],
            usual=money(values["usual_amount"]),
            drop=values["drop_pct"],
        )
    if code == "claims":
        return _(
            "%(claims)s claim(s) in the last %(days)s days",
            claims=values["claims"],
            days=values["days"],
        )
    if code == "unfounded_claims":
        return _(
            "%(claims)s unfounded claim(s) in the last %(days)s days",
            claims=values["claims"],
            days=values["days"],
        )
    if code == "sla_breaches":
        text = _(
            "%(breaches)s missed deadline(s) in the last %(days)s days",
            breaches=values["breaches"],
            days=values["days"],
        )
        if values.get("minimum_breaches"):
            text = _(
                "%(text)s (%(minimum)s or more make at least medium risk)",
                text=text,
                minimum=values["minimum_breaches"],
            )
        return text
    if code == "overdue":
        return _(
            "%(amount)s overdue, %(invoices)s× the average invoice",
            amount=money(values["amount"]),
            invoices=values["invoices"],
        )
    if code == "payment_delay":
        return _("pays %(days)s days late on average", days=values["days"])
    if code == "low_ratings":
        return _(
            "%(low)s of %(ratings)s rating(s) low (%(share)s%%) in the last "
            "%(days)s days",
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
