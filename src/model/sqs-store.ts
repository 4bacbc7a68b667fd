/**
 * Where an SQS queue keeps its visible messages: the one place standard and FIFO queues differ
 * (sqs.ts and sqs-poller.ts hold every other rule once). A standard queue is one deque
 * (sqs-standard-store.ts); a FIFO queue keeps one list per message group and hands out a group
 * only while none of its messages is in flight (sqs-fifo.ts).
 *
 * Received messages leave the store: they live in the {@link SqsBatch} that holds them until they
 * are deleted, redriven or returned, so memory is bounded by the pending messages.
 */

/** Received messages handed to one invocation, one column per field (reused: no allocation per batch). */
export class SqsBatch {
  sentAt: number[] = [];
  /** Receives so far, this one included; -1 marks a message redriven to the dead-letter queue. */
  receiveCount: number[] = [];
  poison: number[] = [];
  /** Message group (0 on a standard queue). */
  group: number[] = [];
  /** Send sequence number on its queue (from 0): FIFO order and test traces. */
  id: number[] = [];
  size = 0;
  poisonCount = 0;
  receivedAt = 0;
  /** Earliest send time in the batch. */
  oldest = 0;
  constructor(readonly slot: number) {}
}

export interface MessageStore {
  /** Visible messages now. */
  readonly size: number;
  /**
   * Partial batch response (lambda-behavior.md 8.6): a FIFO handler stops at the first failed
   * message and reports it and every later one; a standard one reports the failed messages only.
   */
  readonly stopsAtFirstFailure: boolean;
  /** True when a batch can be received now. */
  hasReady(): boolean;
  /** Send time of the first message a batch would take (the batching window counts from it). */
  frontSentAt(): number;
  /** The group of a message sent without one (`group` -1), or of a redriven message from group `group`. */
  groupFor(group: number): number;
  /** A message enters at the back (of its group). */
  pushBack(sentAt: number, poison: number, group: number, id: number): void;
  /** Move up to `max` messages into `b` (sets b.size and each column, receive counts included). */
  receive(b: SqsBatch, max: number, oneGroup: boolean): void;
  /** A received message of `group` was deleted: the group may be handed out again. */
  settle(group: number): void;
  /**
   * The batch's messages with a receive count >= 0 go back to the front (of their groups), in
   * batch order; the others were redriven. Returns how many came back.
   */
  returnFront(b: SqsBatch): number;
  /** Earliest send time of a visible message (Infinity when none). */
  oldestVisible(): number;
}
