import net from 'node:net';
import { UsageError } from '../shared/usage-error.js';

/** ioredis connection options for one Redis server (what BullMQ's `connection` takes). */
export interface RedisConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly username?: string;
  readonly password?: string;
  /** Present for `rediss://`: TLS with SNI `servername` (omitted for IP addresses) and certificate checks on. */
  readonly tls?: { readonly servername?: string; readonly rejectUnauthorized: boolean };
  /** Required by BullMQ for blocking connections: commands wait for a reconnect instead of failing. */
  readonly maxRetriesPerRequest: null;
  /** Reconnect delay: 250 ms doubling to 5 s; forever unless `maxReconnects` was given (then `null`: give up). */
  retryStrategy(times: number): number | null;
}

/**
 * Parse a `redis://` or `rediss://` URL (`[user[:password]@]host[:port][/db]`, percent-encoded
 * credentials, `rediss` = TLS) into ioredis/BullMQ connection options. `?tls_reject_unauthorized=0`
 * turns certificate checks off (self-signed test servers only). Workers reconnect forever (a Redis
 * restart is a blip, not an error); one-shot commands pass `maxReconnects` to fail instead of hanging
 * when the server is unreachable.
 *
 * ## Example
 * ```ts
 * redisConnection('rediss://:s3cr%40t@redis.internal:6380/2');
 * // { host: 'redis.internal', port: 6380, db: 2, password: 's3cr@t', tls: { servername: 'redis.internal', rejectUnauthorized: true }, ... }
 * ```
 * @throws {UsageError} for anything that is not such a URL (the message names `--redis` and quotes the URL without its password).
 */
export function redisConnection(url: string, options: { maxReconnects?: number } = {}): RedisConnectionOptions {
  const bad = (why: string): UsageError => new UsageError(`Expected \`--redis\` to be a redis:// or rediss:// URL (redis://[user[:password]@]host[:port][/db]), got \`${redactRedisUrl(url)}\`: ${why}`);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('not a URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw bad(`unsupported scheme ${u.protocol}`);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw bad('no host');
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (dbText !== '' && !/^\d+$/.test(dbText)) throw bad(`database must be a number, got "${dbText}"`);
  const db = dbText === '' ? 0 : Number(dbText);
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const rejectUnauthorized = !['0', 'false', 'no'].includes((u.searchParams.get('tls_reject_unauthorized') ?? '').toLowerCase());
  const tls = u.protocol === 'rediss:' ? { ...(net.isIP(host) === 0 ? { servername: host } : {}), rejectUnauthorized } : undefined;
  return {
    host,
    port,
    db,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(tls ? { tls } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times) => (options.maxReconnects !== undefined && times > options.maxReconnects ? null : Math.min(250 * 2 ** Math.max(0, times - 1), 5000)),
  };
}

/**
 * `url` with its password replaced by `***`, for messages and status output.
 *
 * ## Example
 * ```ts
 * redactRedisUrl('redis://:hunter2@h:6379'); // 'redis://:***@h:6379'
 * ```
 */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}
