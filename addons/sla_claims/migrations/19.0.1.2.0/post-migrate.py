"""19.0.1.2.0: the customers' claim list is read on Odoo's read replica
(``readonly=True``), where a link's missing access token cannot be written.

New claims get their token at creation; claims of earlier versions that never
had a link sent get theirs now, as ``portal.mixin._portal_ensure_token`` would
(a random UUID4 as text).
"""


def migrate(cr, version):
    cr.execute(
        "UPDATE sla_claim SET access_token = gen_random_uuid()::text "
        "WHERE access_token IS NULL OR access_token = ''"
    )
