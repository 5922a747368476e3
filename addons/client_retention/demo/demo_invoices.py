"""The demo invoice history of the retention demo, loaded in bulk by
``client.retention.demo`` (``retention_demo_history.py``); the stories of
the clients are told beside their records in ``retention_demo.xml`` and
``churn_demo.xml``.

Dates are days before the install day. Lines: ``(product, quantity)`` at the
product's price, or ``(product, quantity, unit price)``.
"""

DEMO = "base.user_demo"
ADMIN = "base.user_admin"

PRODUCTS = {
    "book": "client_retention.product_bookkeeping",
    "payroll": "client_retention.product_payroll",
    "vat": "client_retention.product_vat_return",
    "advice": "client_retention.product_tax_advice",
    "setup": "client_retention.product_company_setup",
}

# Partners from other modules' demo; the others are client_retention.client_<key>.
PARTNERS = {"gemini": "base.res_partner_3"}

# (client, salesperson, [(lines, [(invoiced days ago, paid days ago or None)])]):
# invoice_<client>_01, _02 … in this order.
# fmt: off
INVOICES = [
    ("orbita", DEMO, [
        ((("advice", 1),), [(1, None)]),
    ]),
    ("rila", DEMO, [
        ((("book", 1), ("payroll", 42)), [
            (333, 321), (303, 291), (273, 261), (243, 231), (213, 201), (183, 171),
            (153, 141), (123, 111), (93, 81), (63, 51), (33, 21), (3, None),
        ]),
    ]),
    ("balkan", ADMIN, [
        ((("book", 1), ("payroll", 55)), [
            (337, 327), (307, 297), (277, 267), (247, 237), (217, 207), (187, 177),
            (157, 147), (127, 117), (97, 87), (67, 57), (37, 27), (7, None),
        ]),
    ]),
    ("sredets", DEMO, [
        ((("setup", 1),), [(64, 56)]),
        ((("advice", 4),), [(4, None)]),
    ]),
    ("lozenets", ADMIN, [
        ((("advice", 2),), [(9, None)]),
    ]),
    ("yantra", ADMIN, [
        ((("book", 1), ("payroll", 75)), [
            (262, 250), (232, 220), (202, 190), (172, 160), (142, 130), (112, 100),
            (82, 70), (52, None), (22, 10),
        ]),
    ]),
    ("pirin", DEMO, [
        ((("book", 1), ("payroll", 28)), [
            (331, 286), (286, 241), (241, 196), (196, 151), (151, 106), (106, 61),
            (61, 16), (16, None),
        ]),
    ]),
    ("vitosha", ADMIN, [
        ((("book", 1), ("payroll", 18)), [
            (303, 290), (273, 260), (243, 230), (213, 200), (183, 170), (153, 140),
            (123, 110), (93, 80), (63, 50), (33, 20),
        ]),
    ]),
    ("print", DEMO, [
        ((("book", 1), ("vat", 1)), [(310, 296), (220, 206), (130, 116), (40, 26)]),
    ]),
    ("baikal", ADMIN, [
        ((("vat", 1),), [(110, 100)]),
        ((("advice", 2),), [(44, 34)]),
    ]),
    ("strandzha", ADMIN, [
        ((("book", 1), ("payroll", 4)), [
            (292, 278), (232, 218), (172, 158), (112, 98), (112, None), (52, 38),
        ]),
    ]),
    ("nevsky", DEMO, [
        ((("advice", 3),), [(62, 52)]),
    ]),
    ("tsarevets", ADMIN, [
        ((("book", 1), ("payroll", 35)), [
            (338, 326), (248, 236), (158, 146), (68, 56),
        ]),
    ]),
    ("kamchia", DEMO, [
        ((("vat", 1), ("payroll", 21)), [(260, 246), (170, 156), (80, 66)]),
    ]),
    ("kvant", DEMO, [
        ((("vat", 1), ("advice", 2)), [(153, 143)]),
        ((("advice", 4),), [(120, None)]),
        ((("vat", 1), ("advice", 2)), [(88, 78)]),
    ]),
    ("gemini", ADMIN, [
        ((("book", 1), ("payroll", 25)), [
            (476, 411), (416, 351), (356, 286), (296, 226), (236, 166), (176, None),
            (116, None),
        ]),
    ]),
    ("taiga", DEMO, [
        ((("book", 1), ("payroll", 110)), [
            (335, 323), (305, 293), (275, 263), (245, 233), (215, 203), (185, 173),
            (155, 143), (125, 113),
        ]),
    ]),
    ("dunav", ADMIN, [
        ((("book", 1), ("payroll", 14)), [
            (350, 325), (310, 285), (270, 245), (230, 205), (190, 165), (150, None),
        ]),
    ]),
    ("ural", ADMIN, [
        ((("vat", 1), ("advice", 3)), [(290, 280), (230, 220)]),
    ]),
    ("chernomore", DEMO, [
        ((("vat", 1), ("advice", 1)), [(330, 321)]),
    ]),
    ("sever", DEMO, [
        ((("book", 1), ("payroll", 25)), [
            (520, 506), (460, 446), (400, 386), (340, 326), (280, 266), (45, 31),
            (12, None),
        ]),
    ]),
    ("volga", ADMIN, [
        ((("book", 1), ("payroll", 20)), [
            (530, 518), (500, 488), (470, 458), (440, 428), (410, 398),
        ]),
    ]),
    ("tundra", DEMO, [
        ((("book", 1), ("payroll", 40)), [
            (185, 171), (155, 141), (125, 111), (95, 81), (65, 51), (35, 21),
        ]),
    ]),
    ("zlatna", ADMIN, [
        ((("book", 1, 350.0),), [
            (200, 125), (170, 100), (140, 75), (110, None), (80, None),
        ]),
    ]),
    ("aurora", DEMO, [
        ((("book", 1), ("payroll", 11)), [(300, 286), (210, 196), (120, 106)]),
    ]),
    ("steady_00", ADMIN, [
        ((("book", 1, 300.0),), [
            (672, None), (581, None), (490, None), (399, None), (308, None),
            (217, None), (126, None), (35, None),
        ]),
    ]),
    ("steady_01", DEMO, [
        ((("book", 1, 337.0),), [
            (719, None), (658, None), (597, None), (536, None), (475, None),
            (414, None), (353, None), (292, None), (231, None), (170, None),
            (109, None), (48, None),
        ]),
    ]),
    ("steady_02", ADMIN, [
        ((("book", 1, 374.0),), [
            (619, None), (498, None), (377, None), (256, None), (135, None), (14, None),
        ]),
    ]),
    ("steady_03", DEMO, [
        ((("book", 1, 411.0),), [
            (665, None), (574, None), (483, None), (392, None), (301, None),
            (210, None),
        ]),
    ]),
    ("steady_04", ADMIN, [
        ((("book", 1, 448.0),), [
            (697, None), (636, None), (575, None), (514, None), (453, None),
            (392, None), (331, None), (270, None), (209, None), (148, None), (87, None),
        ]),
    ]),
    ("steady_05", DEMO, [
        ((("book", 1, 485.0),), [
            (614, None), (493, None), (372, None), (251, None), (130, None), (9, None),
        ]),
    ]),
    ("steady_06", ADMIN, [
        ((("book", 1, 522.0),), [
            (599, None), (508, None), (417, None), (326, None), (235, None),
            (144, None), (53, None),
        ]),
    ]),
    ("steady_07", DEMO, [
        ((("book", 1, 559.0),), [
            (676, None), (615, None), (554, None), (493, None), (432, None),
            (371, None), (310, None), (249, None), (188, None), (127, None), (66, None),
        ]),
    ]),
    ("steady_08", ADMIN, [
        ((("book", 1, 596.0),), [
            (609, None), (488, None), (367, None), (246, None), (125, None), (4, None),
        ]),
    ]),
    ("steady_09", DEMO, [
        ((("book", 1, 633.0),), [
            (638, None), (547, None), (456, None), (365, None), (274, None),
            (183, None), (92, None),
        ]),
    ]),
    ("steady_10", ADMIN, [
        ((("book", 1, 670.0),), [
            (655, None), (594, None), (533, None), (472, None), (411, None),
            (350, None), (289, None), (228, None), (167, None), (106, None), (45, None),
        ]),
    ]),
    ("steady_11", DEMO, [
        ((("book", 1, 707.0),), [
            (629, None), (508, None), (387, None), (266, None), (145, None),
        ]),
    ]),
    ("steady_12", ADMIN, [
        ((("book", 1, 744.0),), [
            (617, None), (526, None), (435, None), (344, None), (253, None),
            (162, None), (71, None),
        ]),
    ]),
    ("steady_13", DEMO, [
        ((("book", 1, 781.0),), [
            (633, None), (572, None), (511, None), (450, None), (389, None),
            (328, None), (267, None), (206, None), (145, None), (84, None),
        ]),
    ]),
    ("steady_14", ADMIN, [
        ((("book", 1, 818.0),), [
            (619, None), (498, None), (377, None), (256, None), (135, None), (14, None),
        ]),
    ]),
    ("steady_15", DEMO, [
        ((("book", 1, 855.0),), [
            (596, None), (505, None), (414, None), (323, None), (232, None),
            (141, None), (50, None),
        ]),
    ]),
    ("steady_16", ADMIN, [
        ((("book", 1, 892.0),), [
            (612, None), (551, None), (490, None), (429, None), (368, None),
            (307, None), (246, None), (185, None), (124, None), (63, None),
        ]),
    ]),
    ("steady_17", DEMO, [
        ((("book", 1, 929.0),), [
            (493, None), (372, None), (251, None), (130, None), (9, None),
        ]),
    ]),
    ("steady_18", ADMIN, [
        ((("book", 1, 966.0),), [
            (544, None), (453, None), (362, None), (271, None), (180, None), (89, None),
        ]),
    ]),
    ("steady_19", DEMO, [
        ((("book", 1, 1003.0),), [
            (542, None), (481, None), (420, None), (359, None), (298, None),
            (237, None), (176, None), (115, None),
        ]),
    ]),
    ("steady_20", ADMIN, [
        ((("book", 1, 1040.0),), [
            (488, None), (367, None), (246, None), (125, None), (4, None),
        ]),
    ]),
    ("steady_21", DEMO, [
        ((("book", 1, 1077.0),), [
            (523, None), (432, None), (341, None), (250, None), (159, None), (68, None),
        ]),
    ]),
    ("steady_22", ADMIN, [
        ((("book", 1, 1114.0),), [
            (569, None), (508, None), (447, None), (386, None), (325, None),
            (264, None), (203, None), (142, None), (81, None),
        ]),
    ]),
    ("steady_23", DEMO, [
        ((("book", 1, 1151.0),), [
            (503, None), (382, None), (261, None), (140, None), (19, None),
        ]),
    ]),
    ("steady_24", ADMIN, [
        ((("book", 1, 1188.0),), [
            (535, None), (444, None), (353, None), (262, None), (171, None), (80, None),
        ]),
    ]),
    ("steady_25", DEMO, [
        ((("book", 1, 325.0),), [
            (548, None), (487, None), (426, None), (365, None), (304, None),
            (243, None), (182, None), (121, None), (60, None),
        ]),
    ]),
    ("steady_26", ADMIN, [
        ((("book", 1, 362.0),), [
            (498, None), (377, None), (256, None), (135, None), (14, None),
        ]),
    ]),
    ("steady_27", DEMO, [
        ((("book", 1, 399.0),), [
            (450, None), (359, None), (268, None), (177, None), (86, None),
        ]),
    ]),
    ("steady_28", ADMIN, [
        ((("book", 1, 436.0),), [
            (527, None), (466, None), (405, None), (344, None), (283, None),
            (222, None), (161, None), (100, None), (39, None),
        ]),
    ]),
    ("steady_29", DEMO, [
        ((("book", 1, 473.0),), [
            (493, None), (372, None), (251, None), (130, None), (9, None),
        ]),
    ]),
]
# fmt: on

# Invoiced after the client's loss was recorded: posting them wins it back.
COMEBACK = {"invoice_sever_06", "invoice_sever_07"}

# (credit note, the invoice it reverses, days ago, lines, reason)
REFUNDS = [
    (
        "refund_vitosha_01",
        "invoice_vitosha_09",
        20,
        (("payroll", 5),),
        "Payroll billed for five employees who had left",
    ),
    (
        "refund_strandzha_01",
        "invoice_strandzha_05",
        105,
        (("book", 1), ("payroll", 4)),
        "Invoice issued twice",
    ),
    (
        "refund_kvant_01",
        "invoice_kvant_02",
        118,
        (("advice", 4),),
        "Invoiced in error",
    ),
]
