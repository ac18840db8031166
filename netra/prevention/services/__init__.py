"""The one way to change prevention records: keyword-only functions that check permission, run in a
transaction and write the audit trail. Views, the API, commands and the demo builder call them."""
