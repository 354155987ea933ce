/**
 * The one list of pattern switches. Each is an env var, `on` by default; experiments turn one off
 * to show what breaks.
 */
export const SWITCHES = [
  {
    env: 'FAULTLINE_OUTBOX',
    service: 'order, payment, inventory, shipping',
    meaning: 'transactional outbox + relay (off: publish after commit, no outbox)',
  },
  {
    env: 'FAULTLINE_INBOX',
    service: 'order, payment, inventory, shipping',
    meaning: 'inbox dedupe by message id (off: redeliveries are processed again)',
  },
  {
    env: 'FAULTLINE_STEP_TIMEOUTS',
    service: 'order',
    meaning: 'saga step timeouts (off: a lost reply leaves the saga pending)',
  },
] as const;
