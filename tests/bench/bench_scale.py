"""The large benchmark's second half: claims, offboarding and inventories
beside the clients and invoices, and what people open and what the crons
do at that size. Run after bench_retention_scan.py in the same pytest run,
on the database it built and scanned (`tests/run --bench`: 50,000 clients,
a million invoices, 100,000 claims, 2,000 offboarding cases; the smoke run
of every other `tests/run`: 200 clients).

Each screen is timed as the web client asks for it (web_read with the
form's fields, web_read_group and web_search_read of the list, the
dashboard's pivots, lists and charts), as a retention manager, median of 3
runs with a cold ORM cache; the crons as the scheduler runs them (the job
triggered, a commit per batch). Figures printed and written to
BENCH_SCALE_JSON, never asserted; what is asserted is that each thing did
its work.
"""

import json
import os
import time

from bench import scale_data, scale_report
from bench.report_common import machine
from bench.retention_plan import FULL_CLIENTS, sizes

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, new_test_user
from odoo.tests.common import get_db_name

from odoo.addons.client_offboarding.lib import dates

CLAIMS_PER_CLIENT = 2
CLIENTS_PER_CASE = 25
THRESHOLD_CROSSINGS = 1000
OUR_MODULES = ("sla_claims", "client_retention", "client_offboarding")
MANAGER_GROUPS = (
    "base.group_user,base.group_partner_manager,account.group_account_invoice,"
    "client_retention.group_retention_manager,sla_claims.group_claims_manager"
)


def spec(fields_info):
    """A web_read specification of a view's fields: relations with their
    display name, as the web client asks for them."""
    relational = ("many2one", "one2many", "many2many")
    return {
        name: {"fields": {"display_name": {}}} if info["type"] in relational else {}
        for name, info in fields_info.items()
    }


def view_spec(env, model, view_type, view=None):
    views = env[model].get_views([(view and env.ref(view).id, view_type)])
    return spec(views["models"][model]["fields"])


class BenchScale(BaseCase):
    """Not a TransactionCase: the crons commit, as in production."""

    test_module = "client_offboarding"
    test_tags = frozenset({"standard", "bench"})
    test_class = "BenchScale"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        clients = sizes(os.environ.get("BENCH_CLIENTS") or FULL_CLIENTS)["clients"]
        cls.results = {"clients": clients, "measures": {}}
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("SELECT count(*) FROM client_retention_profile")
            assert cr.fetchone()[0], "run bench_retention_scan.py first"
            cls.today = fields.Date.context_today(env["res.partner"])
            cls.results["data"] = scale_data.build(
                env,
                cls.today,
                CLAIMS_PER_CLIENT * clients,
                max(clients // CLIENTS_PER_CASE, 1),
            )
            cls.manager = new_test_user(
                env, login="bench_manager", groups=MANAGER_GROUPS
            ).id
            cr.commit()

    @classmethod
    def tearDownClass(cls):
        cls.results["machine"] = machine()
        print()
        for line in scale_report.table(cls.results):
            print(line)
        path = scale_report.json_path()
        print(f"BENCH scale JSON: {scale_report.write_json(cls.results, path)}")
        super().tearDownClass()

    def measure(self, key, function, note=None):
        """``function(env)`` as the manager, once to warm up (views and
        registry caches, as in a server that has been up), then RUNS times
        with a cold ORM cache, rolled back; the median goes to the results.
        Returns the last run's result."""
        runs, result = [], None
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.manager, {"lang": "en_US", "tz": "UTC"})
            function(env)
            for _ in range(scale_report.RUNS):
                env.invalidate_all()
                queries, started = cr.sql_log_count, time.perf_counter()
                result = function(env)
                runs.append((time.perf_counter() - started, cr.sql_log_count - queries))
            cr.rollback()
        self.results["measures"][key] = dict(scale_report.summary(runs), note=note)
        return result

    # ---------------------------------------------------------------- screens

    def test_a_overview(self):
        def overview(env):
            action = env["client.churn.analysis"].action_open_overview()
            record = env["client.churn.analysis"].browse(action["res_id"])
            view = action.get("view_id") or action.get("views", [[False]])[0][0]
            views = record.get_views([(view, "form")])
            return record.web_read(spec(views["models"][record._name]["fields"]))[0]

        values = self.measure("overview", overview)
        self.assertIn("at_risk_clients", values)

    def test_b_dashboard(self):
        def dashboard(env):
            board = env.ref(
                "spreadsheet_dashboard_client_retention.spreadsheet_dashboard_retention"
            )
            data = json.loads(board._get_serialized_readonly_dashboard())["snapshot"]
            rows = 0
            for pivot in data["pivots"].values():
                groupby = [g["fieldName"] for g in pivot["rows"] + pivot["columns"]]
                rows += len(
                    env[pivot["model"]].formatted_read_group(
                        pivot["domain"],
                        groupby,
                        [
                            m["fieldName"]
                            if m["fieldName"] == "__count"
                            else f"{m['fieldName']}:sum"
                            for m in pivot["measures"]
                        ],
                    )
                )
            for listing in data["lists"].values():
                Model = env[listing["model"]]
                found = Model.web_search_read(
                    listing["domain"],
                    {name: {} for name in listing["columns"]},
                    limit=10,
                    order=", ".join(
                        f"{o['name']} {'asc' if o['asc'] else 'desc'}"
                        for o in listing["orderBy"]
                    ),
                )
                rows += len(found["records"])
            for sheet in data["sheets"]:
                for figure in sheet.get("figures", ()):
                    meta = figure.get("data", {}).get("metaData")
                    if meta:
                        rows += len(
                            env[meta["resModel"]].formatted_read_group(
                                [], meta["groupBy"], [f"{meta['measure']}:sum"]
                            )
                        )
            return rows

        self.assertGreater(self.measure("dashboard", dashboard), 0)

    def test_c_partner_form(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """SELECT partner_id FROM client_retention_profile
                    WHERE state = 'active' ORDER BY partner_id LIMIT 1"""
            )
            partner_id = cr.fetchone()[0]
        form = {}

        def partner_form(ours=True):
            def opened(env):
                if "spec" not in form:
                    form["spec"] = view_spec(env, "res.partner", "form")
                    Partner = env["res.partner"]
                    form["odoo"] = {
                        name: value
                        for name, value in form["spec"].items()
                        if Partner._fields[name]._module not in OUR_MODULES
                    }
                spec = form["spec"] if ours else form["odoo"]
                return env["res.partner"].browse(partner_id).web_read(spec)[0]

            return opened

        values = self.measure("partner_form", partner_form())
        self.assertIn("retention_state", values)
        # the floor: the same form without the fields our add-ons put on it
        floor = self.measure("partner_form_floor", partner_form(ours=False))
        self.assertNotIn("retention_state", floor)

    def test_d_lists(self):
        """Clients at Risk, and the dormant list (the issue's 80 rows need a
        list that long: the scan finds few clients at risk), each grouped by
        salesperson with its first group open, as the list opens."""
        listing = {}

        def grouped(state):
            def opened(env):
                Profile = env["client.retention.profile"]
                listing.setdefault("spec", view_spec(env, Profile._name, "list"))
                domain = [("state", "=", state)]
                groups = Profile.web_read_group(domain, ["user_id"], ["__count"])
                first = groups["groups"][0]["user_id"] if groups["groups"] else False
                user = first[0] if first else False
                rows = Profile.web_search_read(
                    domain + [("user_id", "=", user)], listing["spec"], limit=80
                )
                return groups["length"], len(rows["records"]), rows["length"]

            return opened

        at_risk = self.measure("at_risk_list", grouped("at_risk"))
        dormant = self.measure(
            "dormant_list",
            grouped("dormant"),
        )
        self.results["lists"] = {"at_risk": at_risk, "dormant": dormant}
        self.assertEqual(dormant[1], min(80, dormant[2]))

    # ---------------------------------------------------------------- crons

    def run_job(self, xmlid, left):
        """The cron job triggered as the scheduler runs it, again while
        ``left(cr)`` says work remains (Odoo calls a job back when it hands
        over); (seconds, SQL queries, jobs)."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cron = env.ref(xmlid)
            queries, started, jobs = sql_db.sql_counter, time.perf_counter(), 0
            while True:
                self.assertIs(cron.method_direct_trigger(), True, f"{xmlid} failed")
                cr.commit()
                jobs += 1
                if not left(cr) or jobs >= 20:
                    break
            return time.perf_counter() - started, sql_db.sql_counter - queries, jobs

    @staticmethod
    def count(cr, table, where="TRUE"):
        cr.execute(f"SELECT count(*) FROM {table} WHERE {where}")
        return cr.fetchone()[0]

    def made(self):
        with self.registry.cursor() as cr:
            return {
                table: self.count(cr, table)
                for table in ("mail_activity", "mail_mail", "mail_message")
            }

    def test_e_sla_check(self):
        """Nothing due, then three times 1,000 open claims whose first
        warning falls due (a different thousand each time)."""
        check = "sla_claims.ir_cron_check_sla"

        def due(cr):
            return self.count(
                cr, "sla_claim", "sla_next_check <= now() at time zone 'UTC'"
            )

        with self.registry.cursor() as cr:
            open_claims = self.count(cr, "sla_claim", "is_open")
            all_claims = self.count(cr, "sla_claim")
            self.assertEqual(due(cr), 0, "the data leaves nothing due")
        idle = [self.run_job(check, due)[:2] for _ in range(scale_report.RUNS)]
        self.results["measures"]["sla_nothing_due"] = dict(
            scale_report.summary(idle),
            note=f"{all_claims:,} claims, {open_claims:,} open",
        )
        busy, made = [], []
        crossings = min(THRESHOLD_CROSSINGS, open_claims // scale_report.RUNS)
        for run in range(scale_report.RUNS):
            with self.registry.cursor() as cr:
                cr.execute(
                    """UPDATE sla_claim SET
                              response_at_risk_date = now() at time zone 'UTC'
                                  - interval '1 minute',
                              sla_next_check = now() at time zone 'UTC'
                                  - interval '1 minute'
                        WHERE id IN (SELECT id FROM sla_claim WHERE is_open
                                      ORDER BY id OFFSET %s LIMIT %s)
                    RETURNING id""",
                    [run * crossings, crossings],
                )
                crossing = [row[0] for row in cr.fetchall()]
            before = self.made()
            busy.append(self.run_job(check, due)[:2])
            after = self.made()
            made.append({k: after[k] - before[k] for k in after})
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM sla_claim WHERE id = ANY(%s) "
                    "AND sla_response_state = 'at_risk'",
                    [crossing],
                )
                self.assertEqual(cr.fetchone()[0], len(crossing))
                self.assertEqual(due(cr), 0)
        self.results["measures"]["sla_thousand_due"] = dict(
            scale_report.summary(busy),
            note=f"{len(crossing):,} claims at risk per run; made per run: "
            + ", ".join(f"{v:,} {k}" for k, v in made[-1].items()),
        )
        self.results["sla_made"] = made
        self.assertGreater(made[-1]["mail_activity"], 0)

    def test_f_quarterly_inventory(self):
        job = "client_offboarding.ir_cron_quarterly_inventory"
        period = dates.period_label(self.today)

        def drafts(cr):
            return self.count(
                cr,
                "client_document_inventory",
                f"period = '{period}' AND kind = 'quarterly'",
            )

        def left(cr):
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            return bool(
                env["client.document.inventory"]._active_client_ids(
                    company, self.today, 1
                )
            )

        first = self.run_job(job, left)
        with self.registry.cursor() as cr:
            created = drafts(cr)
        again = self.run_job(job, left)
        with self.registry.cursor() as cr:
            created_again = drafts(cr) - created
        self.results["inventory"] = {
            "created": created,
            "created_again": created_again,
            "jobs": first[2],
        }
        for key, (seconds, queries, jobs) in (
            ("inventory_first", first),
            ("inventory_again", again),
        ):
            self.results["measures"][key] = {
                "seconds": seconds,
                "runs": [seconds],
                "queries": queries,
                "note": f"one run ({jobs} job(s)); {created:,} draft inventories",
            }
        self.assertGreater(created, 0)
        self.assertEqual(created_again, 0)
