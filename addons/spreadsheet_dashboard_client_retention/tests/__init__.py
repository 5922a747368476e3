from . import test_retention_dashboard
from . import test_tour_retention_dashboard
from . import test_read_only_dashboard
