"""What the SLA tells people: at-risk warnings and escalations.

One run of the SLA check may warn about hundreds of claims at once. Each
claim still gets its to-do activity for the person who must act, but the
activities are created together without a mail each, and every person gets
one digest mail for the run, listing their claims.
"""

from collections import defaultdict

from markupsafe import Markup

from odoo import fields

from ..lib import sla_schedule


class SlaNotices:
    def __init__(self, env):
        self.env = env
        self._activities = []
        self._lines = defaultdict(list)  # res.users -> [(claim, text)]

    # ------------------------------------------------------------ collect

    def activity(self, claim, user, summary, note):
        """A to-do for ``user`` on ``claim``, and a line in their digest."""
        self._activities.append(
            {
                "res_model_id": self.env["ir.model"]._get_id(claim._name),
                "res_id": claim.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "user_id": user.id,
                "summary": summary,
                # a plain text becomes markup only escaped: names stay names
                "note": Markup("<p>%s</p>") % note,
                "date_deadline": fields.Date.context_today(claim),
            }
        )
        self.tell(user, claim, summary)

    def tell(self, users, claim, text):
        """A line about ``claim`` in the digest of each of ``users``."""
        for user in users:
            self._lines[user].append((claim, text))

    # --------------------------------------------------------------- send

    def send(self):
        """Create the activities and send each person their digest."""
        if self._activities:
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True
            ).create(self._activities)
        for user, lines in self._lines.items():
            self._send_digest(user, lines)
        self._activities, self._lines = [], defaultdict(list)

    def _send_digest(self, user, lines):
        env = self.env(context=dict(self.env.context, lang=user.lang or "en_US"))
        items = Markup("").join(
            Markup('<li><a href="%s">%s</a>: %s</li>')
            % (f"/odoo/sla.claim/{claim.id}", claim.display_name, text)
            for claim, text in lines
        )
        env["mail.thread"].sudo().message_notify(
            partner_ids=user.partner_id.ids,
            subject=env._("Claims: %(count)s need your attention", count=len(lines)),
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                env._("The SLA check found these claims at risk or late:"),
                items,
            ),
            subtype_xmlid="mail.mt_note",
            email_layout_xmlid="mail.mail_notification_light",
        )

    # -------------------------------------------------------------- texts

    @staticmethod
    def clock_label(claim, clock):
        return {
            "response": claim.env._("response"),
            "resolution": claim.env._("resolution"),
        }[clock]

    @staticmethod
    def format_deadline(claim, moment, user):
        """``moment`` as ``user`` reads it: their language and time zone (else
        the team calendar's), to the minute, the zone named."""
        tz = user.tz or claim.team_id._get_calendar().tz or "UTC"
        return claim._format_moment(moment, tz, user.lang or claim.env.lang)

    def warn_at_risk(self, claim, clock):
        """The responsible must act before ``clock`` of ``claim`` breaches."""
        label = self.clock_label(claim, clock)
        self.activity(
            claim,
            claim.user_id,
            claim.env._("The %(clock)s deadline is at risk", clock=label),
            claim.env._(
                "The %(clock)s deadline of this claim is %(deadline)s. "
                "Act now to keep the promise made to the customer.",
                clock=label,
                deadline=self.format_deadline(
                    claim, claim[f"{clock}_deadline"], claim.user_id
                ),
            ),
        )

    def escalation_texts(self, claim, rule):
        """(summary, note) of an escalation of ``claim`` by ``rule``."""
        label = self.clock_label(claim, rule.clock)
        summary = claim.env._(
            "Escalation level %(level)s: %(clock)s deadline",
            level=rule.level,
            clock=label,
        )
        values = {
            "number": claim.number,
            "customer": claim.partner_id.display_name or claim.email_from or "-",
            "clock": label,
            "deadline": self.format_deadline(
                claim, claim[f"{rule.clock}_deadline"], claim.user_id
            ),
            "responsible": claim.user_id.name,
        }
        # an escalation at or after the breach runs before the check stores
        # the breached state: the rule says which it is
        if rule.trigger != sla_schedule.BEFORE_BREACH:
            note = claim.env._(
                "Claim %(number)s of %(customer)s missed its %(clock)s deadline "
                "of %(deadline)s. Responsible: %(responsible)s.",
                **values,
            )
        else:
            note = claim.env._(
                "Claim %(number)s of %(customer)s is at risk: its %(clock)s "
                "deadline is %(deadline)s. Responsible: %(responsible)s.",
                **values,
            )
        return summary, note
