import { registry } from "@web/core/registry";

// The leaving client opens its case on the portal and signs the handover act
// with Odoo's portal signature.
registry.category("web_tour.tours").add("client_offboarding_portal_sign", {
    steps: () => [
        {
            content: "The case shows its last service day",
            trigger: "div[name='dates']:contains('Last service day')",
        },
        {
            content: "Sign the handover act",
            trigger: "a[data-bs-target='#modal_sign_act']",
            run: "click",
        },
        {
            content: "Clear the proposed name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "clear",
        },
        {
            content: "Type the name",
            trigger: ".modal .o_web_sign_name_and_signature input",
            run: "fill Ivan Petrov",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Confirm the signature",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The act is signed",
            trigger: ".alert-success:contains('the handover act is signed')",
        },
    ],
});
