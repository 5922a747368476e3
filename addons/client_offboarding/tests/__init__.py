from . import test_offboarding_settings
from . import test_offboarding_flow
from . import test_document_inventory
from . import test_offboarding_handover
