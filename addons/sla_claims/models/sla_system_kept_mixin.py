"""Fields kept by the system, and whose a record is: the one guard of the
whole suite.

Deadlines, states, signatures, scores: users change them through what they
do (a button, a mail, an invoice), never by writing them, not even over
JSON-RPC, where ``readonly`` does not hold and the caller sends any context
it likes. Only the suite's own code writes them, by holding ``_SYSTEM_KEY``
(an object no RPC caller can produce: JSON has no such value), or code
running as superuser (data files, the server's shell)."""

from odoo import api, models
from odoo.exceptions import AccessError

_SYSTEM_KEY = object()
_CONTEXT_KEY = "system_kept_write"
# whose a record of a client is: the client and its account manager
CLIENT_OWNER_FIELDS = frozenset({"partner_id", "user_id"})


class SlaSystemKeptMixin(models.AbstractModel):
    _name = "sla.system.kept.mixin"
    _description = "Fields Kept by the System"

    # ------------------------------------------------------------ hooks

    def _system_kept_fields(self):
        """The one list of the model's system-kept fields; an extension
        adds its own with ``super()._system_kept_fields() | {...}``."""
        return frozenset()

    def _system_kept_hint(self):
        """What a user does instead of writing them (translated)."""
        return self.env._("Use the buttons of the record instead.")

    def _system_kept_placeholder(self, name, value):
        """Whether ``value``, given on create for the kept field ``name``,
        only says "not set yet" (import files and old clients send empty
        values and defaults along): such values are dropped, not refused."""
        if not value:
            return True
        field = self._fields[name]
        return (
            field.type in ("selection", "boolean")
            and bool(field.default)
            and value == field.default(self)
        )

    def _owner_fields(self):
        """Fields that say whose the record is (its client, its account
        manager). The record rules are checked on the record as written
        too: nobody moves a record out of reach of its owner's rules."""
        return frozenset()

    def _system_kept_create_values(self, vals):
        """Values the system gives a new record's kept fields, from ``vals``
        (e.g. a number from a sequence). Runs for every create."""
        return {}

    # ------------------------------------------------------------ the key

    def _holds_system_key(self):
        """True only in code that called `_as_system` (never over RPC)."""
        return self.env.context.get(_CONTEXT_KEY) is _SYSTEM_KEY

    def _is_system_write(self):
        return self.env.su or self._holds_system_key()

    def _as_system(self):
        """These records, allowed to write their kept fields."""
        return self.with_context(**{_CONTEXT_KEY: _SYSTEM_KEY})

    def _system_write(self, vals):
        return self._as_system().write(vals)

    def _system_create(self, vals_list):
        return self._as_system().create(vals_list).with_env(self.env)

    def _check_system_kept(self, field_names):
        forged = sorted(self._system_kept_fields().intersection(field_names))
        if forged:
            raise AccessError(
                self.env._(
                    "These fields of the %(model)s are kept by the system and "
                    "cannot be set by hand: %(fields)s. %(hint)s",
                    fields=", ".join(
                        f"“{self._fields[name]._description_string(self.env)}”"
                        for name in forged
                    ),
                    model=self.env["ir.model"]._get(self._name).name,
                    hint=self._system_kept_hint(),
                )
            )

    # ------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if self._is_system_write():
            return super().create(
                [
                    {**vals, **self._system_kept_create_values(vals)}
                    for vals in vals_list
                ]
            )
        kept = self._system_kept_fields()
        # the fields' own defaults, so that neither a ``default_<field>`` in
        # the caller's context nor a user default can set them
        code_defaults = self._system_kept_code_defaults(kept)
        guarded = []
        for vals in vals_list:
            vals = {
                name: value
                for name, value in vals.items()
                if name not in kept or not self._system_kept_placeholder(name, value)
            }
            self._check_system_kept(vals)
            vals.update(code_defaults)
            vals.update(self._system_kept_create_values(vals))
            guarded.append(vals)
        return super().create(guarded)

    def write(self, vals):
        if self._is_system_write():
            return super().write(vals)
        self._check_system_kept(vals)
        result = super().write(vals)
        moved = self._owner_fields() & vals.keys()
        if moved:
            # moved to another client, it must be one the user may open such
            # a record for; handed to another person, one the user may still
            # write on
            self.check_access("create" if "partner_id" in moved else "write")
        return result

    def copy_data(self, default=None):
        """A copy starts its own history: kept fields take their defaults."""
        kept = self._system_kept_fields() - set(default or ())
        return [
            {name: value for name, value in vals.items() if name not in kept}
            for vals in super().copy_data(default)
        ]

    def _system_kept_code_defaults(self, kept):
        values = {}
        for name in kept:
            field = self._fields[name]
            if (
                field.compute
                or field.related
                or field.type.endswith("2many")
                or not self._has_field_access(field, "write")
            ):
                continue
            values[name] = field.default(self) if field.default else False
        return values
