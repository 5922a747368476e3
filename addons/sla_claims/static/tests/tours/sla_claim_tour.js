import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A claims user records a phoned-in claim, sees its promised deadlines and
// resolves it: the resolution clock shows Met.
registry.category("web_tour.tours").add("sla_claims_create_and_resolve", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Clients app",
            trigger: ".o_app[data-menu-xmlid='sla_claims.clients_menu_root']",
            run: "click",
        },
        {
            content: "Open Claims",
            trigger: "button[data-menu-xmlid='sla_claims.sla_claim_menu']",
            run: "click",
        },
        {
            content: "All claims",
            trigger: "a[data-menu-xmlid='sla_claims.sla_claim_menu_all']",
            run: "click",
        },
        {
            content: "New claim",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=name] textarea",
            run: "edit Tour: wrong invoice address",
        },
        {
            content: "Customer",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Tour Customer",
        },
        {
            content: "Pick the customer",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Customer')",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The claim got its number",
            trigger: ".o_field_widget[name=number]:contains('CLM/')",
        },
        {
            content: "The resolution clock runs",
            trigger: ".o_field_widget[name=sla_resolution_state]:contains('Running')",
        },
        {
            content: "Take it",
            trigger: ".o_form_view button[name=action_assign_to_me]",
            run: "click",
        },
        {
            content: "Resolve it with the button",
            trigger: ".o_form_view button[name=action_resolve]",
            run: "click",
        },
        {
            content: "The promise was kept",
            trigger: ".o_field_widget[name=sla_resolution_state]:contains('Met')",
        },
        {
            content: "The customer calls back: reopen",
            trigger: ".o_form_view button[name=action_reopen]",
            run: "click",
        },
        {
            content: "The resolution clock runs again",
            trigger: ".o_field_widget[name=sla_resolution_state]:contains('Running')",
        },
        {
            content: "Back to the board",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "The card shows the running deadline and who has it (the answer was given by resolving)",
            trigger:
                ".o_kanban_record:contains('Tour: wrong invoice address'):contains('Resolve by'):not(:contains('Answer by')) .o_field_many2one_avatar_user",
        },
    ],
});
