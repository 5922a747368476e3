"""Bounds of the numbers people type: the one check of the whole suite.

A number typed in a form or sent over the API is checked against its field's
range before anything is stored, so that 10^12 working hours or a notice of
a billion days gets a sentence naming the field and the range, never a raw
database error, and is never silently clamped."""

import math

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

# what a PostgreSQL integer column holds
INT4 = (-(2**31), 2**31 - 1)
# common ranges: a period in days (ten years), an amount of money
DAYS = (0, 3650)
MONEY = (0, 10**15)


class SlaBoundedMixin(models.AbstractModel):
    _name = "sla.bounded.mixin"
    _description = "Typed Numbers with Bounds"

    def _field_bounds(self):
        """``{field name: (lowest, highest)}`` of the numbers users type; an
        extension adds its own with ``{**super()._field_bounds(), ...}``.
        Stored integer fields not listed get the database's range."""
        return {}

    def _check_field_bounds(self, vals):
        bounds = self._field_bounds()
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type not in ("integer", "float", "monetary"):
                continue
            low, high = bounds.get(name) or (
                INT4 if field.type == "integer" and field.store else (None, None)
            )
            if low is None or value is False or value is None:
                continue  # empty: the field's own rules (required, 0) decide
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            if math.isnan(number) or not low <= number <= high:
                raise ValidationError(
                    self.env._(
                        "“%(field)s” must be between %(low)s and %(high)s; "
                        "%(value)s cannot be stored. Enter a number in that range.",
                        field=field._description_string(self.env),
                        low=self._format_bound(low),
                        high=self._format_bound(high),
                        value=str(value)[:30],
                    )
                )

    def _format_bound(self, number):
        digits = 0 if float(number).is_integer() else 2
        return formatLang(self.env, number, digits=digits)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_field_bounds(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_field_bounds(vals)
        return super().write(vals)
