/** Default BullMQ queue of `facepipe submit` / `worker` / `status` (`--queue` to use another). */
export const DEFAULT_QUEUE = 'facepipe';

/** BullMQ job name of one input (every job of the queue is one input). */
export const INPUT_JOB = 'input';
