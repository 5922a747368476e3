import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A retention manager opens the Dashboards app, picks Clients / Retention and
// reads the dashboard built from live data (not the sample): its scorecards
// and the section titles of its charts are drawn.
registry.category("web_tour.tours").add("spreadsheet_dashboard_client_retention", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dashboards app",
            trigger:
                ".o_app[data-menu-xmlid='spreadsheet_dashboard.spreadsheet_dashboard_menu_root']",
            run: "click",
        },
        {
            content: "The Retention dashboard is listed under Clients",
            trigger:
                ".o_search_panel_section:has(header:contains('Clients')) .o_search_panel_category_value[data-name='Retention']",
            run: "click",
        },
        {
            content: "The Retention dashboard is the active one",
            trigger: ".o_search_panel_category_value.active[data-name='Retention']",
        },
        {
            content: "It shows live data, not the sample",
            trigger: ".o_renderer:not(.o-sample-dashboard) .o-spreadsheet",
        },
        {
            content: "The clients-at-risk scorecard is drawn",
            trigger: ".o-figure canvas.o-scorecard[title='Clients at risk']",
        },
        {
            content: "The dormant-clients scorecard is drawn",
            trigger: ".o-figure canvas.o-scorecard[title='Dormant clients']",
        },
        {
            content: "The lost-clients scorecard is drawn",
            trigger: ".o-figure canvas.o-scorecard[title='Lost clients']",
        },
        {
            content: "The lost-annual-revenue scorecard is drawn",
            trigger: ".o-figure canvas.o-scorecard[title='Lost annual revenue']",
        },
        {
            content: "The three charts are drawn",
            trigger: ".o-figure:has(.o-chart-container canvas:not(.o-scorecard)):eq(2)",
        },
        {
            content: "The period filter is offered",
            trigger: ".o_spreadsheet_dashboard_action .o_sp_date_filter_button",
        },
    ],
});
