from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class ClaimsPortal(CustomerPortal):
    """Customers list, read, answer and open their company's claims."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "claim_count" in counters:
            Claim = request.env["sla.claim"]
            values["claim_count"] = (
                Claim.search_count([]) if Claim.has_access("read") else 0
            )
        return values

    def _claim_sortings(self):
        return {
            "date": {"label": request.env._("Newest"), "order": "id desc"},
            "stage": {"label": request.env._("Stage"), "order": "stage_id, id desc"},
            "deadline": {
                "label": request.env._("Resolution deadline"),
                "order": "resolution_deadline, id desc",
            },
        }

    @http.route(
        ["/my/claims", "/my/claims/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        # read on the replica when Odoo has one: the links' tokens were given
        # at creation (sla.claim.create, migration 19.0.1.2.0), none is written
        readonly=True,
    )
    def portal_my_claims(self, page=1, sortby="date", **kw):
        values = self._prepare_portal_layout_values()
        Claim = request.env["sla.claim"]
        sortings = self._claim_sortings()
        sortby = sortby if sortby in sortings else "date"
        pager = portal_pager(
            url="/my/claims",
            url_args={"sortby": sortby},
            total=Claim.search_count([]),
            page=page,
            step=self._items_per_page,
        )
        claims = Claim.search(
            [],
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        request.session["my_claims_history"] = claims.ids[:100]
        values.update(
            claims=claims.sudo(),
            page_name="claim",
            default_url="/my/claims",
            pager=pager,
            searchbar_sortings=sortings,
            sortby=sortby,
        )
        return request.render("sla_claims.portal_my_claims", values)

    @http.route("/my/claims/<int:claim_id>", type="http", auth="public", website=True)
    def portal_my_claim(self, claim_id, access_token=None, **kw):
        try:
            claim = self._document_check_access("sla.claim", claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            claim,
            access_token,
            {"claim": claim, "page_name": "claim"},
            "my_claims_history",
            False,
        )
        return request.render("sla_claims.portal_my_claim", values)

    @http.route(
        "/my/claims/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_new_claim(self, **post):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        team = self._portal_claim_team(partner)
        categories = (
            request.env["sla.claim.category"]
            .sudo()
            .search([("company_id", "in", [False, team.company_id.id])] if team else [])
        )
        values.update(page_name="claim", error={}, form=post, categories=categories)
        if request.httprequest.method == "POST":
            subject = (post.get("name") or "").strip()
            description = (post.get("description") or "").strip()
            if not subject:
                values["error"]["name"] = request.env._(
                    "Give your claim a subject, e.g. “Delivery arrived damaged”."
                )
            if not team:
                values["error"]["team"] = request.env._(
                    "Claims cannot be received online yet: please write to us by email."
                )
            if not values["error"]:
                claim = (
                    request.env["sla.claim"]
                    .sudo()
                    .create(
                        {
                            "name": subject,
                            "description": description
                            and http.request.env["ir.qweb.field.text"].value_to_html(
                                description, {}
                            ),
                            "partner_id": partner.id,
                            "team_id": team.id,
                            "channel": "portal",
                            "category_id": categories.filtered(
                                lambda c: str(c.id) == post.get("category_id")
                            )[:1].id,
                        }
                    )
                )
                self._attach_portal_files(claim, partner)
                return request.redirect(claim.get_portal_url())
        return request.render("sla_claims.portal_new_claim", values)

    def _attach_portal_files(self, claim, partner):
        """The files sent with a new claim, as the customer's message on it."""
        files = [f for f in request.httprequest.files.getlist("attachments") if f]
        if not files:
            return
        claim.sudo().message_post(
            body=request.env._("Files sent with the claim."),
            author_id=partner.id,
            attachments=[(upload.filename, upload.read()) for upload in files],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _portal_claim_team(self, partner):
        """The team that takes the customer's portal claims: the first team of
        the company the customer belongs to."""
        company = partner.commercial_partner_id.company_id or request.env.company
        return (
            request.env["sla.claim.team"]
            .sudo()
            .search([("company_id", "=", company.id)], limit=1)
        )
