"""Programme governance arithmetic and documents, without Django: money in pence, subscription
tiers and invoice totals, review schedules, who still has to sign, the grant ledger, settlement
shares at termination, and the invoice and highlight report as HTML and PDF."""
