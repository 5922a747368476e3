"""Who may do what in the whole suite: an access matrix over every model of
sla_claims, client_retention and client_offboarding, for every kind of user,
on the model (access rights) and on one record of company A that belongs to
customer A (record rules). The portal routes are in test_suite_portal_routes.

The tables below are the design, read from the security files and the
add-ons' purpose; a cell that differs from what Odoo does fails in its own
subTest, so one run lists every mismatch."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .suite_access_case import SuiteAccessCase

OPS = {"r": "read", "w": "write", "c": "create", "u": "unlink"}

# pub  public user (base.public_user), not logged in
# poA  portal user, a contact of customer A
# poB  portal user, a contact of customer B (another customer of company A)
# int  internal user without any group of the suite
# clU  claims user, member of the team handling customer A's claim
# clO  claims user of company A outside that team, not assigned the claim
# clM  claims manager of company A
# reU  retention user, salesperson of customer A
# reO  retention user of company A, salesperson of other clients
# reM  retention manager of company A
# coB  claims manager + retention manager of company B only
ROLES = ("pub", "poA", "poB", "int", "clU", "clO", "clM", "reU", "reO", "reM", "coB")

# Model level (access rights): the operations a role may attempt at all.
ACCESS_RIGHTS = """
model                          pub poA poB int clU clO clM  reU  reO  reM  coB
sla.claim                      -   r   r   -   rwc rwc rwcu -    -    -    rwcu
sla.claim.team                 -   -   -   -   r   r   rwcu -    -    -    rwcu
sla.claim.stage                -   r   r   -   r   r   rwcu -    -    -    rwcu
sla.claim.category             -   -   -   -   r   r   rwcu -    -    -    rwcu
sla.policy                     -   -   -   -   r   r   rwcu -    -    -    rwcu
sla.escalation.rule            -   -   -   -   r   r   rwcu -    -    -    rwcu
sla.claim.pause                -   -   -   -   r   r   r    -    -    -    r
sla.claim.report               -   -   -   -   r   r   r    -    -    -    r
client.exit.reason             -   -   -   -   -   -   -    r    r    rwcu rwcu
client.churn.event             -   -   -   -   -   -   -    rwc  rwc  rwcu rwcu
client.retention.profile       -   -   -   -   -   -   -    r    r    r    r
client.churn.analysis          -   -   -   -   -   -   -    -    -    rwcu rwcu
client.churn.report            -   -   -   -   -   -   -    -    -    r    r
client.churn.alert             -   -   -   -   -   -   -    -    -    r    r
client.retention.backtest      -   -   -   -   -   -   -    -    -    rwcu rwcu
client.retention.weight.fit    -   -   -   -   -   -   -    -    -    ru   ru
client.offboarding             -   r   r   -   -   -   -    rwc  rwc  rwcu rwcu
client.offboarding.invoice     -   -   -   -   -   -   -    rw   rw   rwcu rwcu
client.offboarding.done        -   -   -   -   -   -   -    -    -    rwcu rwcu
client.document.type           -   -   -   -   -   -   -    r    r    rwcu rwcu
client.document.inventory      -   -   -   -   -   -   -    rwc  rwc  rwcu rwcu
client.document.inventory.line -   -   -   -   -   -   -    rwcu rwcu rwcu rwcu
client.letgo.review            -   -   -   -   -   -   -    r    r    r    r
"""

# Record level: what each role may do with the record of company A and
# customer A.
RECORD_ACCESS = """
model                          pub poA poB int clU clO clM  reU  reO  reM  coB
sla.claim                      -   r   -   -   rwc -   rwcu -    -    -    -
sla.claim.team                 -   -   -   -   r   r   rwcu -    -    -    -
sla.claim.stage                -   r   r   -   r   r   rwcu -    -    -    -
sla.claim.category             -   -   -   -   r   r   rwcu -    -    -    -
sla.policy                     -   -   -   -   r   r   rwcu -    -    -    -
sla.escalation.rule            -   -   -   -   r   r   rwcu -    -    -    -
sla.claim.pause                -   -   -   -   r   -   r    -    -    -    -
sla.claim.report               -   -   -   -   r   -   r    -    -    -    -
client.exit.reason             -   -   -   -   -   -   -    r    r    rwcu -
client.churn.event             -   -   -   -   -   -   -    rwc  -    rwcu -
client.retention.profile       -   -   -   -   -   -   -    r    -    r    -
client.churn.analysis          -   -   -   -   -   -   -    -    -    rwcu -
client.churn.report            -   -   -   -   -   -   -    -    -    r    -
client.churn.alert             -   -   -   -   -   -   -    -    -    r    -
client.retention.backtest      -   -   -   -   -   -   -    -    -    rwcu -
client.retention.weight.fit    -   -   -   -   -   -   -    -    -    ru   -
client.offboarding             -   r   -   -   -   -   -    rwc  -    rwcu -
client.offboarding.invoice     -   -   -   -   -   -   -    rw   -    rwcu -
client.offboarding.done        -   -   -   -   -   -   -    -    -    rwcu -
client.document.type           -   -   -   -   -   -   -    r    r    rwcu -
client.document.inventory      -   -   -   -   -   -   -    rwc  -    rwcu -
client.document.inventory.line -   -   -   -   -   -   -    rwcu -    rwcu -
client.letgo.review            -   -   -   -   -   -   -    r    -    r    -
"""

# Cells of RECORD_ACCESS where Odoo differs from the design today and only a
# change of the models can fix it (reported): held to what Odoo does now so
# that the suite stays green; once the model is fixed the cell fails here,
# then delete its line.
FINDINGS = {
    # sla.claim.stage has no company_id: every stage is shared, so a claims
    # manager of company B renames, deletes or flips "Pauses SLA" / "Resolved"
    # on the stages company A's claims (and their deadlines) run on.
    ("sla.claim.stage", "coB"): "rwcu",
}


def refused(method, *args):
    """Whether calling ``method(*args)`` is refused for want of rights."""
    try:
        method(*args)
    except AccessError:
        return True
    return False


def parse_matrix(text):
    """{model: {role: "rwcu"}} from a table above ("-": nothing)."""
    header, *rows = text.strip().splitlines()
    assert tuple(header.split()[1:]) == ROLES, header
    matrix = {}
    for row in rows:
        model, *cells = row.split()
        assert len(cells) == len(ROLES), row
        matrix[model] = {
            role: cell.strip("-") for role, cell in zip(ROLES, cells, strict=True)
        }
    return matrix


@tagged("post_install", "-at_install")
class TestSuiteAccess(SuiteAccessCase):
    def test_the_fixture_is_what_the_matrix_speaks_of(self):
        for model, record in self.records.items():
            with self.subTest(model=model):
                self.assertEqual(len(record.exists()), 1)
                if "company_id" in record._fields:
                    self.assertEqual(record.company_id, self.company)
        self.assertEqual(self.claim_a.commercial_partner_id, self.customer_a)
        self.assertIn(self.roles["clU"], self.claim_a.team_id.member_ids)
        self.assertNotEqual(self.claim_a.user_id, self.roles["clU"])
        self.assertEqual(self.case_a.state, "handover")
        self.assertEqual(self.customer_a.user_id, self.roles["reU"])

    def test_every_model_of_the_suite_has_a_row(self):
        suite = {
            name
            for name, model in self.env.registry.items()
            if name.startswith(("sla.", "client.")) and not model._abstract
        }
        for matrix in (ACCESS_RIGHTS, RECORD_ACCESS):
            self.assertEqual(set(parse_matrix(matrix)), suite)
        self.assertEqual(set(self.records), suite)

    def test_access_rights_per_model(self):
        for model, allowed in parse_matrix(ACCESS_RIGHTS).items():
            for role, user in self.roles.items():
                Model = self.env[model].with_user(user)
                for letter, op in OPS.items():
                    with self.subTest(model=model, role=role, op=op):
                        expected = letter in allowed[role]
                        self.assertEqual(
                            Model.has_access(op),
                            expected,
                            f"{role} {'may' if expected else 'may not'} {op} {model}",
                        )

    def test_record_rules_on_company_a_customer_a_records(self):
        for model, allowed in parse_matrix(RECORD_ACCESS).items():
            record = self.records[model]
            for role, user in self.roles.items():
                expected_ops = FINDINGS.get((model, role), allowed[role])
                for letter, op in OPS.items():
                    expected = letter in expected_ops
                    with self.subTest(model=model, role=role, op=op):
                        try:
                            record.with_user(user).check_access(op)
                            granted = True
                        except AccessError:
                            granted = False
                        self.assertEqual(
                            granted,
                            expected,
                            f"{role} {'may' if expected else 'may not'} {op} "
                            f"{model} {record.display_name!r}",
                        )
                with self.subTest(model=model, role=role, op="search"):
                    try:
                        found = (
                            self.env[model]
                            .with_user(user)
                            .search([("id", "=", record.id)])
                        )
                    except AccessError:
                        found = self.env[model]
                    self.assertEqual(
                        bool(found),
                        "r" in expected_ops,
                        f"{role} {'finds' if 'r' in expected_ops else 'must not find'}"
                        f" {model} {record.display_name!r}",
                    )

    def test_records_are_opened_only_for_clients_the_user_manages(self):
        """Naming oneself the account manager opens no other salesperson's
        client (the offboarding rule for new cases)."""
        other, salesperson = self.roles["reO"], self.roles["reU"]
        client = self.make_client("Gamma Access", user_id=salesperson.id)
        for model, values in (
            ("client.offboarding", {"initiated_by": "company", "user_id": other.id}),
            ("client.churn.event", {"user_id": other.id}),
            ("client.document.inventory", {}),
        ):
            values["partner_id"] = client.id
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(other).create(dict(values))
                values.pop("user_id", None)
                record = self.env[model].with_user(salesperson).create(values)
                self.assertEqual(record.partner_id, client)
        # a case handed over to a colleague is the colleague's to work on
        self.case_a.user_id = other
        self.assertTrue(self.case_a.with_user(other).has_access("write"))

    def test_records_cannot_be_moved_to_another_salespersons_client(self):
        """The rules hold after a write too: a retention user who opened a
        case, a churn event or an inventory for a client nobody manages cannot
        move it to another salesperson's client (a case keeping them as its
        account manager)."""
        other = self.roles["reO"]
        nobodys = self.make_client("Nobody's Access")
        moved = []
        for model, values, move in (
            (
                "client.offboarding",
                {"initiated_by": "company"},
                {"user_id": other.id},
            ),
            ("client.churn.event", {}, {}),
            # of a past quarter: the client has one inventory per quarter
            ("client.document.inventory", {"date": "2025-01-15"}, {}),
        ):
            record = (
                self.env[model]
                .with_user(other)
                .create({"partner_id": nobodys.id, **values})
            )
            if not refused(record.write, {"partner_id": self.customer_a.id, **move}):
                moved.append(model)
        self.assertEqual(moved, [])

    def test_the_portal_never_reads_the_teams_note_on_the_client(self):
        """The preferences note the team keeps on a client (and its copy on
        the client's claims) is for internal users, not for the client's
        portal users reading over RPC."""
        self.customer_a.retention_preferences_note = "Threatens to sue, be brief"
        readable = []
        for record in self.customer_a, self.claim_a:
            if not refused(
                record.with_user(self.portal_a).read, ["retention_preferences_note"]
            ):
                readable.append(record._name)
        self.assertEqual(readable, [])
