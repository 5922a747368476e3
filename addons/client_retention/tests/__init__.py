from . import test_client_exit_reason
from . import test_churn_event
from . import test_retention_journeys
from . import test_retention_risk_signals
from . import test_retention_scan
from . import test_retention_settings
from . import test_tour_exit_reasons
