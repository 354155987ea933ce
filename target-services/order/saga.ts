import type { CommandType, FailureReason } from '../contracts/messages.js';

/** The forward steps, in order. */
export const SAGA_STEPS = ['payment.authorize', 'inventory.reserve', 'shipping.schedule'] as const;
export type SagaStep = (typeof SAGA_STEPS)[number];

/** The compensation that undoes each forward step. */
export const COMPENSATION_OF: Record<SagaStep, CommandType> = {
  'payment.authorize': 'payment.refund',
  'inventory.reserve': 'inventory.release',
  'shipping.schedule': 'shipping.cancel',
};

export const ORDER_STATUSES = ['pending', 'compensating', 'completed', 'compensated'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['completed', 'compensated'];

/** Persisted saga state (JSON in `orders.saga`). */
export interface SagaState {
  status: OrderStatus;
  /** The command awaiting its reply (forward step or compensation); null when terminal. */
  current: CommandType | null;
  /** Forward steps that succeeded (or may have: a timed-out step counts as done for undoing). */
  done: SagaStep[];
  /** Compensations still to run after `current`, in order. */
  pendingCompensations: CommandType[];
  reason: FailureReason | null;
  /** Times `current` (a compensation) was sent again after a timeout; absent = 0 (resend-backoff.ts). */
  resends?: number;
}

export type SagaEvent =
  | { kind: 'reply'; command: CommandType; ok: boolean; reason?: FailureReason }
  | { kind: 'timeout'; command: CommandType };

/** One line of the order's saga history. */
export interface HistoryEntry {
  step: string;
  event:
    | 'sent'
    | 'succeeded'
    | 'failed'
    | 'timed_out'
    | 'compensation_sent'
    | 'compensated'
    | 'completed'
    | 'ignored';
  reason?: string;
}

/** Result of a transition: the new state, commands to send, and what to record. */
export interface Transition {
  state: SagaState;
  send: CommandType[];
  history: HistoryEntry[];
}

/** Pure: the saga's first transition. */
export function startSaga(): Transition {
  const first = SAGA_STEPS[0];
  return {
    state: { status: 'pending', current: first, done: [], pendingCompensations: [], reason: null },
    send: [first],
    history: [{ step: first, event: 'sent' }],
  };
}

/**
 * Pure saga transition. Replies or timeouts that do not match `current` are stale (late,
 * duplicated) and change nothing. A failed or timed-out forward step starts the compensations of
 * the steps already done, newest first (a timed-out step is undone too: it may have happened).
 * A timed-out compensation is sent again, and counted (`resends`), so its next wait backs off
 * (resend-backoff.ts); compensations always run to the end.
 */
export function applyEvent(s: SagaState, e: SagaEvent): Transition {
  if (s.current === null || e.command !== s.current)
    return { state: s, send: [], history: [{ step: e.command, event: 'ignored' }] };
  if (s.status === 'pending') return applyForward(s, s.current as SagaStep, e);
  if (e.kind === 'timeout')
    return {
      state: { ...s, resends: (s.resends ?? 0) + 1 },
      send: [s.current],
      history: [
        { step: s.current, event: 'timed_out' },
        { step: s.current, event: 'compensation_sent' },
      ],
    };
  return nextCompensation({ ...s, current: null }, [
    { step: s.current, event: 'compensated', ...(e.ok ? {} : { reason: e.reason ?? 'compensation_failed' }) },
  ]);
}

function applyForward(s: SagaState, step: SagaStep, e: SagaEvent): Transition {
  if (e.kind === 'reply' && e.ok) {
    const done = [...s.done, step];
    const next = SAGA_STEPS[done.length];
    if (!next)
      return {
        state: { ...s, status: 'completed', current: null, done },
        send: [],
        history: [
          { step, event: 'succeeded' },
          { step: 'saga', event: 'completed' },
        ],
      };
    return {
      state: { ...s, current: next, done },
      send: [next],
      history: [
        { step, event: 'succeeded' },
        { step: next, event: 'sent' },
      ],
    };
  }
  const timedOut = e.kind === 'timeout';
  const reason: FailureReason = timedOut ? 'step_timeout' : (e.reason ?? 'invalid_command');
  const undo = (timedOut ? [...s.done, step] : s.done).map((d) => COMPENSATION_OF[d]).reverse();
  const failed: HistoryEntry = { step, event: timedOut ? 'timed_out' : 'failed', reason };
  return nextCompensation(
    { ...s, status: 'compensating', current: null, pendingCompensations: undo, reason },
    [failed],
  );
}

function nextCompensation(withResends: SagaState, history: HistoryEntry[]): Transition {
  const { resends: _done, ...s } = withResends; // the next command starts with no re-sends
  const [next, ...rest] = s.pendingCompensations;
  if (!next)
    return {
      state: { ...s, status: 'compensated', current: null, pendingCompensations: [] },
      send: [],
      history: [...history, { step: 'saga', event: 'compensated', reason: s.reason ?? undefined }],
    };
  return {
    state: { ...s, current: next, pendingCompensations: rest },
    send: [next],
    history: [...history, { step: next, event: 'compensation_sent' }],
  };
}
