/**
 * The provider's listening socket, opened with node:net (cheap to load) so the handshake line can go out before
 * node:http2 and node:tls (the slow part of startup) are loaded. Connections that arrive in between wait unread
 * (pauseOnConnect: their bytes stay in the kernel) until a handler is attached, so nothing terraform sends is lost.
 */
import { createServer, type Server, type Socket } from "node:net";

export type ConnectionHandler = (socket: Socket) => void;

const ignoreError = () => {};

export class EarlyListener {
  private handler: ConnectionHandler | undefined;
  private readonly waiting: Socket[] = [];
  private readonly server: Server;

  private constructor() {
    this.server = createServer({ pauseOnConnect: true }, (socket) => {
      if (this.handler) {
        this.handler(socket);
        return;
      }
      // A reset while waiting must not crash the process; the handler's own listeners take over later.
      socket.on("error", ignoreError);
      this.waiting.push(socket);
    });
  }

  /** Listens on a unix socket path; rejects when that is impossible (e.g. the directory does not exist). */
  static listen(path: string): Promise<EarlyListener> {
    const listener = new EarlyListener();
    return new Promise((resolve, reject) => {
      listener.server.once("error", reject);
      listener.server.listen(path, () => {
        listener.server.off("error", reject);
        resolve(listener);
      });
    });
  }

  /** Hands every waiting connection, and each later one, to `handler`. */
  accept(handler: ConnectionHandler): void {
    this.handler = handler;
    for (const socket of this.waiting.splice(0)) {
      socket.off("error", ignoreError);
      if (!socket.destroyed) handler(socket);
    }
  }

  close(): void {
    this.server.close();
    for (const socket of this.waiting.splice(0)) socket.destroy();
  }
}
