from . import test_offboarding_settings
from . import test_offboarding_flow
from . import test_document_inventory
from . import test_offboarding_handover
from . import test_offboarding_documents
from . import test_offboarding_portal
from . import test_offboarding_letgo
