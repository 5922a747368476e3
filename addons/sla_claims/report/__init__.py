from . import sla_claim_report
