import { InvalidArgumentError } from 'commander';
import { redisConnection } from './redis-connection.js';

/**
 * Commander parser for `--redis <url>`: the URL is checked (see `redisConnection`) when the
 * command line is parsed, so a typo is a usage error (exit 2) before anything connects.
 *
 * ## Example
 * ```ts
 * cmd.requiredOption('--redis <url>', 'Redis URL', redisUrlArg);
 * ```
 * @throws {InvalidArgumentError} naming what is wrong with the URL.
 */
export function redisUrlArg(value: string): string {
  try {
    redisConnection(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace(/^Expected `--redis` to be /, 'expected '));
  }
  return value;
}
