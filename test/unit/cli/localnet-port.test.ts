/**
 * The main job's localnet port: the default when it is free, free ports (and a note saying which port was taken)
 * when it is not, and exactly what --port asks for. Ports are occupied with real listening sockets.
 */
import { createServer, type Server } from "node:net";
import { chooseLocalnetPort, localnetPorts, portInUseHint } from "../../../src/cli/localnet-port";

const servers: Server[] = [];

async function listen(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  servers.push(server);
  return server;
}

function portOf(server: Server): number {
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** A port P whose localnet range (P, P+2, P+100..P+102) is free right now. */
async function freeRange(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    const choice = await chooseLocalnetPort({ providers: 3, freshDataDir: true, defaultPort: p });
    if (choice.port === p) return p;
  }
  throw new Error("no free port range");
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

test("a localnet on port P binds P, P+2 and, on a new data dir, P+100 + i per provider", () => {
  expect(localnetPorts(26657, 3, true)).toEqual([26657, 26659, 26757, 26758, 26759]);
  expect(localnetPorts(26657, 3, false)).toEqual([26657, 26659]);
});

test("the default port is used when its range is free", async () => {
  const p = await freeRange();
  expect(await chooseLocalnetPort({ providers: 3, freshDataDir: true, defaultPort: p })).toEqual({ port: p });
});

test("a taken default port gives free ports and a note naming the taken port", async () => {
  const p = await freeRange();
  await listen(p);
  const choice = await chooseLocalnetPort({ providers: 3, freshDataDir: true, defaultPort: p });
  expect(choice.port).toBe(0);
  expect(choice.note).toBe(
    `port ${p} is in use (another localnet?), so the localnet uses free ports instead`,
  );
});

test("a taken gateway port counts only for a new data dir", async () => {
  const p = await freeRange();
  await listen(p + 101);
  expect((await chooseLocalnetPort({ providers: 3, freshDataDir: true, defaultPort: p })).note).toContain(
    `${p + 101}`,
  );
  expect(await chooseLocalnetPort({ providers: 3, freshDataDir: false, defaultPort: p })).toEqual({
    port: p,
  });
});

test("--port is used as given, even when taken (starting then explains the clash)", async () => {
  const taken = portOf(await listen(0));
  expect(await chooseLocalnetPort({ requested: taken, providers: 3, freshDataDir: true })).toEqual({
    port: taken,
  });
  expect(await chooseLocalnetPort({ requested: 0, providers: 3, freshDataDir: true })).toEqual({ port: 0 });
});

test("a clash on start is explained with what to do", async () => {
  const taken = portOf(await listen(0));
  const error = await new Promise<Error>((resolve) => {
    const server = createServer();
    server.once("error", resolve);
    server.listen(taken, "127.0.0.1");
  });
  expect(portInUseHint(error, taken)).toContain("choose another port with --port, or omit --port");
  expect(portInUseHint(error, undefined)).toContain("a port recorded in .localnet/chain");
  expect(portInUseHint(new Error("other"), taken)).toBeUndefined();
});
