/** The node:net listener that holds connections until the gRPC server has loaded. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as net from "node:net";
import { EarlyListener } from "../../../src/protocol/early-listener";
import { eventually } from "../../support/eventually";

const dir = mkdtempSync(join(tmpdir(), "early-"));
let n = 0;
const sock = () => join(dir, `s${n++}.sock`);

function connectAndSend(path: string, text: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const client = net.connect(path, () => client.write(text, () => resolve(client)));
    client.on("error", reject);
  });
}

function readAll(socket: net.Socket, length: number): Promise<string> {
  return new Promise((resolve) => {
    let got = "";
    socket.on("data", (d: Buffer) => {
      got += d.toString();
      if (got.length >= length) resolve(got);
    });
    socket.resume();
  });
}

test("connections made before a handler is attached wait, with their bytes, and are handed over in order", async () => {
  const path = sock();
  const listener = await EarlyListener.listen(path);
  const clients = [await connectAndSend(path, "first"), await connectAndSend(path, "second")];
  // Give the server side time to accept both while nobody handles them.
  await new Promise((r) => setTimeout(r, 50));
  const handed: net.Socket[] = [];
  listener.accept((socket) => handed.push(socket));
  expect(handed).toHaveLength(2);
  expect(await Promise.all([readAll(handed[0]!, 5), readAll(handed[1]!, 6)])).toEqual(["first", "second"]);

  // Later connections go straight to the handler.
  clients.push(await connectAndSend(path, "third"));
  await eventually("the third connection to be handed over", async () => handed.length === 3);
  expect(handed).toHaveLength(3);
  expect(await readAll(handed[2]!, 5)).toBe("third");

  for (const socket of [...clients, ...handed]) socket.destroy();
  listener.close();
});

test("a path that cannot be listened on is a rejection, not a crash", async () => {
  await expect(EarlyListener.listen(join(dir, "missing-dir", "x.sock"))).rejects.toThrow(/ENOENT|EACCES/);
});

test("close drops waiting connections and stops listening", async () => {
  const path = sock();
  const listener = await EarlyListener.listen(path);
  const client = await connectAndSend(path, "x");
  const closed = new Promise<void>((resolve) => client.on("close", () => resolve()));
  await new Promise((r) => setTimeout(r, 50));
  listener.close();
  await closed;
  await expect(connectAndSend(path, "y")).rejects.toThrow();
});
