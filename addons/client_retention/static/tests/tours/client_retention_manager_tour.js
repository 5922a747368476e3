import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function openOverview() {
    return [
        {
            content: "The Retention menu",
            trigger: "button[data-menu-xmlid='client_retention.client_retention_menu']",
            run: "click",
        },
        {
            content: "Overview",
            trigger: "a[data-menu-xmlid='client_retention.client_retention_menu_overview']",
            run: "click",
        },
    ];
}

// A retention manager's morning: the Overview, the client at risk behind its
// button, that client's form, its loss recorded, and the Overview again
// showing the same client now lost, no longer at risk.
registry.category("web_tour.tours").add("client_retention_manager_walk", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Clients app",
            trigger: ".o_app[data-menu-xmlid='sla_claims.clients_menu_root']",
            run: "click",
        },
        ...openOverview(),
        {
            content: "The Overview shows the year's loss and one client at risk",
            trigger: ".o_field_widget[name='at_risk_clients'] span:contains('1')",
        },
        {
            content: "The loss of last quarter is among the 12 months",
            trigger: ".o_field_widget[name='lost_clients'] span:contains('1')",
        },
        {
            content: "Nothing lost yet this quarter",
            trigger: ".o_field_widget[name='lost_this_quarter'] span:contains('0')",
        },
        {
            content: "Open the clients at risk",
            trigger: "button:contains('Clients at Risk')",
            run: "click",
        },
        {
            content: "The list holds the one client at risk the Overview counted",
            trigger: ".o_list_view tbody:not(:has(.o_data_row + .o_data_row))",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('Tour Risky Ltd')",
            run: "click",
        },
        {
            content: "Open the client from its retention profile",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] a",
            run: "click",
        },
        {
            content: "Open the client's Retention tab",
            trigger: ".o_notebook .nav-link[name='retention']",
            run: "click",
        },
        {
            content: "Record the loss",
            trigger: "button[name='action_retention_record_loss']",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason_id'] input",
            run: "edit Price increase",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains('Price increase')",
            run: "click",
        },
        {
            content: "Write what the client said",
            trigger: ".modal .o_field_widget[name='stated_reason'] textarea",
            run: "edit Your new prices are too high for us.",
        },
        {
            content: "Save the loss",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The form says why the client left",
            trigger: ".o_field_widget[name='retention_loss_summary']:contains('Price increase')",
        },
        ...openOverview(),
        {
            content: "The client lost is no longer at risk",
            trigger: ".o_field_widget[name='at_risk_clients'] span:contains('0')",
        },
        {
            content: "It is this quarter's loss",
            trigger: ".o_field_widget[name='lost_this_quarter'] span:contains('1')",
        },
    ],
});
