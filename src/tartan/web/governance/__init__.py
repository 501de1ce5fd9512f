"""Programme governance: memoranda, subscriptions and grants, settlement, highlight reports, directory."""
