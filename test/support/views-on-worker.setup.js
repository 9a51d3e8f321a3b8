// The `e2e (views worker)` jest project: startLedgerApp runs the views on the compiled worker thread.
process.env.LEDGER_E2E_VIEWS_THREAD = 'worker';
