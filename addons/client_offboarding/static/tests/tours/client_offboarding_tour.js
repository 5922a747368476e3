import { registry } from "@web/core/registry";

// A retention manager takes a client who asked to leave from the client's
// form to a closed case: retention attempt declined, notice accepted, the
// accounting policy handed over, the case done.
registry.category("web_tour.tours").add("client_offboarding_start_to_done", {
    steps: () => [
        {
            content: "Open the client's Retention tab",
            trigger: ".o_notebook .nav-link[name='retention']",
            run: "click",
        },
        {
            content: "Start offboarding",
            trigger: "button[name='action_start_offboarding_client']",
            run: "click",
        },
        {
            content: "The case opens for the client",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input:value('Tour Client Ltd')",
        },
        {
            content: "Write what the client said",
            trigger: ".o_field_widget[name='stated_reason'] textarea",
            run: "edit Your reports come late.",
        },
        {
            content: "Start the retention step",
            trigger: "button[name='action_start_retention']",
            run: "click",
        },
        {
            content: "The case is in retention",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Retention')",
        },
        {
            content: "Record the offer",
            trigger: ".o_field_widget[name='retention_offer'] textarea",
            run: "edit Reports by the 5th and a month free.",
        },
        {
            content: "Open the outcome",
            trigger: ".o_field_widget[name='retention_outcome'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "The client declines",
            trigger: ".o_select_menu_item:contains('Declined')",
            run: "click",
        },
        {
            content: "Accept the notice",
            trigger: "button[name='action_accept_notice']",
            run: "click",
        },
        {
            content: "The case is in notice",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Notice')",
        },
        {
            content: "Start the handover",
            trigger: "button[name='action_start_handover']",
            run: "click",
        },
        {
            content: "Open the handover tab",
            trigger: ".o_notebook .nav-link[name='handover']",
            run: "click",
        },
        {
            content: "The accounting policy is on the list",
            trigger: ".o_field_widget[name='handover_line_ids'] .o_data_cell:contains('Accounting policy')",
            run: "click",
        },
        {
            content: "Open its handover state",
            trigger: ".o_field_widget[name='handover_line_ids'] .o_selected_row .o_field_widget[name='handover_state'] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "Mark it handed over",
            trigger: ".o_select_menu_item:contains('Handed Over')",
            run: "click",
        },
        {
            content: "Save the case",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
        {
            content: "Close the case",
            trigger: "button[name='action_ask_done']",
            run: "click",
        },
        {
            content: "The checks passed: the dialog says when the loss is dated",
            trigger: ".modal .o_field_widget[name='summary']:contains('will be recorded as lost on')",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The case is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
