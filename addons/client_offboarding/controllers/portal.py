import binascii

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

# what the client sees of its cases, with a token too: the portal rule's states
# (a draft or a retention talk is ours until notice is given)
PORTAL_STATES = ("notice", "handover", "done")
REPORTS = {
    "letter": "client_offboarding.action_report_termination_letter",
    "act": "client_offboarding.action_report_handover_act",
}


class OffboardingPortal(CustomerPortal):
    """The leaving client sees its case's dates, reads the termination
    letter and the handover act, and signs the act."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "offboarding_count" in counters:
            Case = request.env["client.offboarding"]
            values["offboarding_count"] = (
                Case.search_count([]) if Case.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/offboarding", "/my/offboarding/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_offboardings(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        Case = request.env["client.offboarding"]
        pager = portal_pager(
            url="/my/offboarding",
            total=Case.search_count([]),
            page=page,
            step=self._items_per_page,
        )
        cases = Case.search([], limit=self._items_per_page, offset=pager["offset"])
        request.session["my_offboardings_history"] = cases.ids[:100]
        values.update(
            cases=cases.sudo(),
            page_name="offboarding",
            default_url="/my/offboarding",
            pager=pager,
        )
        return request.render("client_offboarding.portal_my_offboardings", values)

    @http.route(
        "/my/offboarding/<int:case_id>", type="http", auth="public", website=True
    )
    def portal_my_offboarding(self, case_id, access_token=None, report=None, **kw):
        try:
            case = self._document_check_access(
                "client.offboarding", case_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if case.state not in PORTAL_STATES:
            return request.redirect("/my")
        if report in REPORTS:
            return self._show_report(
                model=case,
                report_type="pdf",
                report_ref=REPORTS[report],
                download=kw.get("download") == "true",
            )
        values = self._get_page_view_values(
            case,
            access_token,
            {"case": case, "page_name": "offboarding", "message": kw.get("message")},
            "my_offboardings_history",
            False,
        )
        return request.render("client_offboarding.portal_my_offboarding", values)

    @http.route(
        "/my/offboarding/<int:case_id>/sign",
        type="jsonrpc",
        auth="public",
        website=True,
    )
    def portal_offboarding_sign(
        self, case_id, access_token=None, name=None, signature=None
    ):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            case = self._document_check_access(
                "client.offboarding", case_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": request.env._("This offboarding case was not found.")}
        if case.state not in PORTAL_STATES or not case._has_to_be_signed():
            return {
                "error": request.env._(
                    "The handover act cannot be signed now: it is already signed "
                    "or the handover has not started."
                )
            }
        if not signature:
            return {"error": request.env._("Please sign before you confirm.")}
        try:
            case._sign_handover_act(name, signature)
            request.env.cr.flush()
        except (TypeError, binascii.Error):
            return {"error": request.env._("The signature could not be read.")}
        pdf = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(REPORTS["act"], [case.id])[0]
        )
        case.message_post(
            attachments=[(f"{case.name}.pdf", pdf)],
            author_id=(
                case.contact_id.id
                if request.env.user._is_public()
                else request.env.user.partner_id.id
            ),
            body=request.env._(
                "Handover act signed by %(name)s on %(date)s.",
                name=name,
                date=fields.Date.to_string(fields.Date.today()),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {
            "force_refresh": True,
            "redirect_url": case.get_portal_url(query_string="&message=sign_ok"),
        }
