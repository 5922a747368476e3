"""What the web client asks an Odoo server for on the read-only screens of
the suite, over HTTP and JSON-RPC (stdlib only): the same routes and methods,
with the specifications the views ask for."""

import http.cookiejar
import json
import os
import re
import urllib.request

FIELD = re.compile(r'<field name="(\w+)"')
DASHBOARD = (
    "addons/spreadsheet_dashboard_client_retention/data/files/retention_dashboard.json"
)


class RpcError(Exception):
    pass


class Client:
    """One browser: its own session cookie."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.calls = 0

    def get(self, path):
        with self.opener.open(self.base_url + path, timeout=120) as response:
            return response.status, response.read().decode("utf-8", "replace")

    def jsonrpc(self, path, params):
        self.calls += 1
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}
        request = urllib.request.Request(
            self.base_url + path,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=120) as response:
            answer = json.load(response)
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcError(f"{path}: {data.get('message') or answer['error']}")
        return answer["result"]

    def login(self, db, login, password):
        return self.jsonrpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )

    def call(self, model, method, *args, route="call_kw", **kwargs):
        """``/web/dataset/call_kw`` (or ``call_button``), as the ORM service
        of the web client calls it."""
        return self.jsonrpc(
            f"/web/dataset/{route}/{model}.{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )


def specification(view):
    """The web_read specification of the fields a view shows."""
    names = dict.fromkeys(FIELD.findall(view["arch"]))
    fields = view["fields"]
    return {
        name: {"fields": {"display_name": {}}}
        if fields.get(name, {}).get("type") == "many2one"
        else {}
        for name in names
        if name in fields
    }


def views(client, model, kinds):
    """get_views as the action's views are loaded: {kind: arch and fields}."""
    answer = client.call(model, "get_views", [[False, k] for k in kinds])
    fields = answer["models"][model]["fields"]
    return {
        kind: {"arch": answer["views"][kind]["arch"], "fields": fields}
        for kind in kinds
    }


def overview(client, ids):
    form = client.call(
        "client.churn.analysis", "get_views", [[ids["overview_view"], "form"]]
    )
    view = {
        "arch": form["views"]["form"]["arch"],
        "fields": form["models"]["client.churn.analysis"]["fields"],
    }
    [read] = client.call(
        "client.churn.analysis",
        "web_read",
        [ids["overview"]],
        specification=specification(view),
    )
    return read


def analysis(client, ids):
    """The analysis form's figures, then its rows, as the workbook and an RPC
    caller read them."""
    model = "client.churn.analysis"
    form = views(client, model, ["form"])["form"]
    client.call(model, "web_read", [ids["analysis"]], specification=specification(form))
    rows = client.call(model, "get_period_rows", [ids["analysis"]])
    client.call(model, "get_breakdowns", [ids["analysis"]])
    client.call(model, "get_top_lost", [ids["analysis"]])
    client.call(model, "get_cohorts", [ids["analysis"]])
    return rows


def churn_report(client, _ids):
    """Graph by month (the action's default), the pivot, the list grouped."""
    model = "client.churn.report"
    loaded = views(client, model, ["graph", "pivot", "list", "search"])
    client.call(
        model,
        "formatted_read_group",
        [],
        groupby=["date:month"],
        aggregates=["lost_clients:sum"],
    )
    client.call(
        model,
        "formatted_read_grouping_sets",
        [],
        grouping_sets=[[], ["date:month"], ["reason_id"], ["date:month", "reason_id"]],
        aggregates=["lost_clients:sum", "lost_annual_revenue:sum"],
    )
    return client.call(
        model,
        "web_read_group",
        [],
        ["date:month"],
        ["__count", "lost_annual_revenue:sum"],
        auto_unfold=True,
        unfold_read_specification=specification(loaded["list"]),
    )


def profile_list(state):
    """The Clients at Risk or Dormant Clients list, then grouped by
    salesperson."""

    def screen(client, _ids):
        model = "client.retention.profile"
        loaded = views(client, model, ["list", "search", "form"])
        spec = specification(loaded["list"])
        domain = [["state", "=", state]]
        listed = client.call(model, "web_search_read", domain, spec, limit=80)
        client.call(
            model,
            "web_read_group",
            domain,
            ["user_id"],
            ["__count", "revenue_12m:sum"],
            auto_unfold=True,
            unfold_read_specification=spec,
        )
        return listed

    return screen


def dashboard_calls(data):
    """(model, method, args, kwargs) the dashboard's data sources call, as
    Odoo's spreadsheet does: pivots by formatted_read_grouping_sets, charts
    by formatted_read_group, lists by web_search_read."""
    for pivot in data["pivots"].values():
        rows = [row["fieldName"] for row in pivot["rows"]]
        columns = [column["fieldName"] for column in pivot["columns"]]
        measures = [
            "__count" if m["fieldName"] == "__count" else f"{m['fieldName']}:sum"
            for m in pivot["measures"]
        ]
        yield (
            pivot["model"],
            "formatted_read_grouping_sets",
            [pivot["domain"]],
            {
                "grouping_sets": [[], rows, columns, rows + columns],
                "aggregates": measures,
            },
        )
    for sheet in data["sheets"]:
        for figure in sheet.get("figures", []):
            chart = figure["data"]
            if chart.get("type", "").startswith("odoo_"):
                meta = chart["metaData"]
                yield (
                    meta["resModel"],
                    "formatted_read_group",
                    [chart["searchParams"]["domain"]],
                    {
                        "groupby": meta["groupBy"],
                        "aggregates": [f"{meta['measure']}:sum"],
                    },
                )
    for listed in data["lists"].values():
        order = ", ".join(
            f"{o['name']} {'ASC' if o['asc'] else 'DESC'}" for o in listed["orderBy"]
        )
        spec = {name: {} for name in listed["columns"]}
        yield (
            listed["model"],
            "web_search_read",
            [listed["domain"], spec],
            {
                "order": order,
                "limit": 10,
            },
        )


def dashboard(repo):
    def screen(client, ids):
        status, body = client.get(f"/spreadsheet/dashboard/data/{ids['dashboard']}")
        if status != 200 or "snapshot" not in body:
            raise RpcError(f"the dashboard's data route answered {status}")
        client.call("res.currency", "get_company_currency_for_spreadsheet")
        with open(os.path.join(repo, DASHBOARD), encoding="utf-8") as source:
            data = json.load(source)
        models = sorted({call[0] for call in dashboard_calls(data)})
        client.call("ir.model", "display_name_for", models)
        for model, method, args, kwargs in dashboard_calls(data):
            client.call(model, method, *args, **kwargs)

    return screen


def portal_claims(client, ids):
    status, body = client.get("/my/claims")
    if status != 200 or ids["portal_claim"] not in body:
        raise RpcError(
            f"/my/claims answered {status} without the claim {ids['portal_claim']}"
        )


def screens(repo):
    """(name, who, do(client, ids), tables its reads must hit on the
    replica); who: "manager" or "portal"."""
    return [
        ("Retention Overview", "manager", overview, ("client_retention_profile",)),
        ("Churn analysis", "manager", analysis, ("client_churn_event",)),
        ("Churn Report", "manager", churn_report, ("client_churn_report",)),
        ("Retention dashboard", "manager", dashboard(repo), ("client_churn_report",)),
        (
            "Clients at Risk",
            "manager",
            profile_list("at_risk"),
            ("client_retention_profile",),
        ),
        (
            "Dormant Clients",
            "manager",
            profile_list("dormant"),
            ("client_retention_profile",),
        ),
        ("Portal claim list", "portal", portal_claims, ("sla_claim",)),
    ]
