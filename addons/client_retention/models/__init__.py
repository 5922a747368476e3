from . import client_exit_reason
from . import res_company
from . import res_config_settings
