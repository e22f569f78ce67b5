import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Opens PGlite (in a data dir, or in memory when dataDir is undefined) and serves it on loopback, so the app
 * talks to it with postgres.js exactly as it would to a real server. One process owns a data dir.
 */
export async function startEmbeddedDatabase(options: { dataDir?: string; port?: number; maxConnections?: number }): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm gives catalogue search its typo tolerance; PostgreSQL ships it in contrib too.
  const db = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), extensions: { pg_trgm } });
  const port = options.port ?? (await freePort());
  // At least the app pool + the proxy pool + migration/test connections; the default of 1 hangs a pool.
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: options.maxConnections ?? 32 });
  serialiseExtendedProtocol(server);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/*
 * pglite-socket queues each protocol message on its own and only keeps a connection's messages together inside
 * a transaction. Two pooled connections running parameterised queries at once then interleave their
 * Parse/Bind/Execute messages on PGlite's single session ("bind message supplies 6 parameters, but prepared
 * statement "" requires 3", seen here on concurrent requests). We also keep an extended-protocol sequence
 * together until its Sync. The queue is internal to the package: re-check this after upgrading it.
 */
const EXTENDED_PROTOCOL = new Set([0x50 /* Parse */, 0x42 /* Bind */, 0x44 /* Describe */, 0x45 /* Execute */, 0x43 /* Close */, 0x48 /* Flush */]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  timestamp: number;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
}

function serialiseExtendedProtocol(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== 'function') throw new Error('pglite-socket internals changed: review db/embedded.ts');
  let midSequence = false;
  queue.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    while (this.queue.length > 0) {
      let item: QueuedMessage | undefined;
      if ((midSequence || this.db.isInTransaction()) && this.lastHandlerId !== null) {
        const index = this.queue.findIndex((q) => q.handlerId === this.lastHandlerId);
        item = index === -1 ? undefined : this.queue.splice(index, 1)[0];
      } else {
        item = this.queue.shift();
      }
      if (!item) break;
      const current = item;
      let bytes = 0;
      try {
        await this.db.runExclusive(() =>
          this.db.execProtocolRawStream(current.message, {
            onRawData: (data: Uint8Array) => {
              bytes += data.length;
              current.onData(data);
            },
          }),
        );
      } catch (error) {
        midSequence = false;
        this.processing = false;
        current.reject(error);
        return;
      }
      midSequence = EXTENDED_PROTOCOL.has(current.message[0] ?? 0);
      this.lastHandlerId = current.handlerId;
      current.resolve(bytes);
    }
    this.processing = false;
  }.bind(queue);
  const clear = queue.clearTransactionIfNeeded.bind(queue);
  queue.clearTransactionIfNeeded = async (handlerId: number) => {
    // A connection that drops half-way through a sequence must not keep the queue pinned to itself.
    if (queue.lastHandlerId === handlerId) midSequence = false;
    await clear(handlerId);
    if (!queue.processing) await queue.processQueue();
  };
}
