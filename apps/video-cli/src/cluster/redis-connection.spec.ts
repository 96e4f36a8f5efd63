import net from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../shared/usage-error.js';
import { redactRedisUrl, redisConnection } from './redis-connection.js';

describe('redisConnection', () => {
  it('parses host, port, db and percent-encoded credentials', () => {
    const c = redisConnection('redis://worker:p%40ss%3Aw0rd@queue.internal:6380/3');
    expect(c).toMatchObject({ host: 'queue.internal', port: 6380, db: 3, username: 'worker', password: 'p@ss:w0rd', maxRetriesPerRequest: null });
    expect(c.tls).toBeUndefined();
    expect(redisConnection('redis://:secret@10.0.0.5')).toMatchObject({ host: '10.0.0.5', port: 6379, db: 0, password: 'secret' });
    expect(redisConnection('redis://:secret@10.0.0.5').username).toBeUndefined();
    expect(redisConnection('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });

  it('rediss:// turns TLS on, with SNI for host names and certificate checks unless told otherwise', () => {
    expect(redisConnection('rediss://:pw@cache.example.com:6380').tls).toEqual({ servername: 'cache.example.com', rejectUnauthorized: true });
    expect(redisConnection('rediss://10.1.2.3').tls).toEqual({ rejectUnauthorized: true });
    expect(redisConnection('rediss://h?tls_reject_unauthorized=0').tls).toEqual({ servername: 'h', rejectUnauthorized: false });
  });

  it('the TLS options make ioredis open a TLS handshake (ClientHello with the SNI name) instead of plain RESP', async () => {
    const server = net.createServer();
    const first = new Promise<Buffer>((resolve) => server.on('connection', (s) => s.once('data', (d: Buffer) => (resolve(d), s.destroy()))));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const opts = redisConnection(`rediss://:pw@localhost:${port}`);
    const client = new Redis({ ...opts, family: 4, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    client.connect().catch(() => {});
    const hello = await first;
    client.disconnect();
    server.close();
    expect(hello[0]).toBe(0x16); // TLS record type: handshake
    expect(hello[5]).toBe(0x01); // ClientHello
    expect(hello.includes(Buffer.from('localhost'))).toBe(true);
  });

  it.each([
    ['http://h:6379', /unsupported scheme http:/],
    ['localhost:6379', /unsupported scheme localhost:/],
    ['not a url', /not a URL/],
    ['redis://h/zero', /database must be a number, got "zero"/],
  ])('%s -> UsageError naming --redis', (url, why) => {
    expect(() => redisConnection(url)).toThrow(UsageError);
    expect(() => redisConnection(url)).toThrow(why);
    expect(() => redisConnection(url)).toThrow(/Expected `--redis` to be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('never repeats the password in messages', () => {
    expect(() => redisConnection('redis://:hunter2@h/x')).toThrow(/redis:\/\/:\*\*\*@h\/x/);
    expect(() => redisConnection('redis://:hunter2@h/x')).not.toThrow(/hunter2/);
    expect(redactRedisUrl('rediss://u:hunter2@h:1/2')).toBe('rediss://u:***@h:1/2');
    expect(redactRedisUrl('redis://h:1')).toBe('redis://h:1');
  });
});
