"""The own-clients rule of offboarding cases no longer grants create: a new
case is opened only for a client the user manages (rule
client_offboarding_rule_own_create, added by the update). The rule's record
is noupdate, so the update alone would leave the old grant in place."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref(
        "client_offboarding.client_offboarding_rule_own", raise_if_not_found=False
    )
    if rule:
        rule.perm_create = False
