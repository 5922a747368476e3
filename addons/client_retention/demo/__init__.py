from . import retention_demo_history
