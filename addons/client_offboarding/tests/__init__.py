from . import test_offboarding_settings
