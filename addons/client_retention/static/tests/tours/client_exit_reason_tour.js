import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A retention user opens the Clients app and reads the exit reasons: the
// shipped ones are listed, an archived one is not, and nothing can be created.
registry.category("web_tour.tours").add("client_retention_exit_reasons", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Clients app",
            trigger: ".o_app[data-menu-xmlid='sla_claims.clients_menu_root']",
            run: "click",
        },
        {
            content: "Open Configuration",
            trigger: "button[data-menu-xmlid='sla_claims.clients_menu_config']",
            run: "click",
        },
        {
            content: "Open Exit Reasons",
            trigger: "a[data-menu-xmlid='client_retention.client_exit_reason_menu']",
            run: "click",
        },
        {
            content: "Shipped client-initiated reason is listed",
            trigger: ".o_list_view .o_data_cell:contains('Competitor offer')",
        },
        {
            content: "Shipped company-initiated reason is listed",
            trigger: ".o_list_view .o_data_cell:contains('Chronic late payment')",
        },
        {
            content: "The archived reason is not offered",
            trigger:
                ".o_list_view:not(:has(.o_data_cell:contains('Tour archived reason')))",
        },
        {
            content: "A retention user cannot create reasons",
            trigger: ".o_control_panel:not(:has(.o_list_button_add))",
        },
        {
            content: "Open a reason",
            trigger: ".o_data_cell:contains('Chronic late payment')",
            run: "click",
        },
        {
            content: "Its form shows who usually ends the relationship",
            trigger: ".o_form_view .o_field_widget[name='initiated_by_default']",
        },
    ],
});
