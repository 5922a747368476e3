from . import test_claims_settings
