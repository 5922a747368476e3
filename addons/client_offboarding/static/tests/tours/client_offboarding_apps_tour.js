import { registry } from "@web/core/registry";

// README's install step: in Apps, with its default "Apps" filter, searching
// "Client" finds the suite's apps.
registry.category("web_tour.tours").add("client_offboarding_found_in_apps", {
    steps: () => [
        {
            content: "Apps opens with its default filter",
            trigger: ".o_searchview .o_facet_value:contains('Apps')",
        },
        {
            content: "Search Client",
            trigger: ".o_searchview_input",
            run: "edit Client",
        },
        {
            content: "Search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Client Offboarding is found",
            trigger: ".o_kanban_record:contains('Client Offboarding')",
        },
        {
            content: "Client Retention is found",
            trigger: ".o_kanban_record:contains('Client Retention')",
        },
        {
            content: "The default filter is still on: no module found without it",
            trigger: ".o_searchview .o_facet_value:contains('Apps')",
        },
    ],
});
