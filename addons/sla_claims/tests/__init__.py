from . import test_claims_settings
from . import test_claim_deadlines
from . import test_claim_response
from . import test_claim_assignment
from . import test_claim_tour
