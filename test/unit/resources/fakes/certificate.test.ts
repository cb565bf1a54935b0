/** akash_certificate against fake ports: every validate/plan diagnostic and every CRUD/import branch. */
import { ChainError } from "../../../../src/akash/ports/errors";
import { isUnknown, UNKNOWN, type ObjectValue } from "../../../../src/framework/values";
import { certificateResource as certificate } from "../../../../src/resources/certificate/certificate-resource";
import { OTHER, OWNER } from "../../../support/fake-ports/fake-accounts";
import { fakeWorld, operation } from "../../../support/fake-ports/fake-ports";
import {
  create,
  destroy,
  importState,
  plan,
  read,
  summaries,
  update,
  validate,
} from "../../../support/fake-ports/resource-calls";

const HOUR = 3_600_000;

describe("validateConfig", () => {
  test("sensible durations pass; unknown values are left for later", async () => {
    expect(await validate(certificate, { validity: "720h", renew_before: "168h" })).toEqual([]);
    expect(await validate(certificate, { validity: UNKNOWN, renew_before: UNKNOWN })).toEqual([]);
  });

  test.each([
    [{ validity: "soon" }, "Invalid validity", ["validity"]],
    [{ validity: "500ms" }, "Invalid validity", ["validity"]],
    [{ renew_before: "a week" }, "Invalid renew_before", ["renew_before"]],
    [{ validity: "24h", renew_before: "24h" }, "renew_before too long", ["renew_before"]],
  ])("%j → %s", async (config, summary, path) => {
    expect(summaries(await validate(certificate, config))).toEqual([{ severity: "error", summary, path }]);
  });
});

describe("modifyPlan", () => {
  const prior = (notAfter: number, renew = "0s"): ObjectValue => ({
    id: `${OWNER}/1`,
    owner: OWNER,
    serial: "1",
    validity: "8760h",
    renew_before: renew,
    not_after: new Date(notAfter).toISOString(),
    state: "valid",
  });

  test("a new certificate and one far from expiry are left alone", async () => {
    const { ports, clock } = fakeWorld();
    expect((await plan(certificate, { prior: null, config: {}, ports })).replace).toEqual([]);
    const fresh = await plan(certificate, {
      prior: prior(clock.now() + 1000 * HOUR, "168h"),
      config: { renew_before: "168h" },
      ports,
    });
    expect(fresh.replace).toEqual([]);
    expect(fresh.planned.not_after).toBe(new Date(clock.now() + 1000 * HOUR).toISOString());
  });

  test("an imported certificate not read yet (no not_after) is left alone", async () => {
    const { ports } = fakeWorld();
    const imported = { ...prior(0), not_after: null };
    expect((await plan(certificate, { prior: imported, config: {}, ports })).replace).toEqual([]);
  });

  test("an expired certificate is replaced, and the plan says why", async () => {
    const { ports, clock } = fakeWorld();
    const { replace, planned } = await plan(certificate, {
      prior: prior(clock.now() - HOUR),
      config: { renew_before: "0s" },
      ports,
    });
    expect(replace).toEqual([{ path: ["not_after"], reason: expect.stringContaining("expired at") }]);
    expect(isUnknown(planned.not_after)).toBe(true);
  });

  test("inside renew_before it is replaced before it expires (the fake clock decides)", async () => {
    const { ports, clock } = fakeWorld();
    const { replace } = await plan(certificate, {
      prior: prior(clock.now() + 24 * HOUR, "168h"),
      config: { renew_before: "168h" },
      ports,
    });
    expect(replace).toEqual([
      { path: ["not_after"], reason: expect.stringContaining("within renew_before (168h)") },
    ]);
    clock.advance(-1000 * HOUR); // a clock far behind: not due yet
    expect(
      (await plan(certificate, { prior: prior(clock.now() + 2000 * HOUR, "168h"), config: {}, ports }))
        .replace,
    ).toEqual([]);
  });

  test("an unknown renew_before counts as 0s; without ports the wall clock is used", async () => {
    const { replace } = await plan(certificate, {
      prior: prior(Date.now() - HOUR, "168h"),
      config: { renew_before: UNKNOWN },
    });
    expect(replace[0]?.reason).toContain("expired at");
  });
});

describe("create, read, update, delete", () => {
  const planned = { validity: "720h", renew_before: "0s" };

  test("create publishes a certificate for the signing key and keeps the key pair in state", async () => {
    const { ports, ledger, chain } = fakeWorld();
    const state = await create(certificate, ports, planned);
    expect(chain.sent("createCertificate")).toHaveLength(1);
    expect(ledger.certificates).toEqual([
      expect.objectContaining({
        owner: OWNER,
        serial: state.serial,
        state: "valid",
        certPem: state.cert_pem,
      }),
    ]);
    expect(state).toMatchObject({ id: `${OWNER}/${String(state.serial)}`, owner: OWNER, state: "valid" });
    expect(String(state.private_key_pem)).toContain("BEGIN PRIVATE KEY");
    const validFor = Date.parse(String(state.not_after)) - Date.parse(String(state.not_before));
    expect(validFor).toBe(720 * HOUR);
  });

  test("a refused publish is reported as a diagnostic; without a key nothing is tried", async () => {
    const world = fakeWorld();
    world.chain.failNext(
      "createCertificate",
      new ChainError("insufficient-funds", "Not enough uakt for fees."),
    );
    await expect(create(certificate, world.ports, planned)).rejects.toMatchObject({
      summary: "Insufficient funds",
      detail: "Not enough uakt for fees.",
    });
    expect(world.ledger.certificates).toEqual([]);
    const readOnly = fakeWorld({ signer: null });
    await expect(create(certificate, readOnly.ports, planned)).rejects.toMatchObject({
      summary: "No signing key",
    });
  });

  test("read keeps a valid certificate, and drops one revoked or missing on chain", async () => {
    const { ports, ledger } = fakeWorld();
    const state = await create(certificate, ports, planned);
    expect(await read(certificate, ports, state)).toEqual(state);
    ledger.certificates[0]!.state = "revoked";
    const ctx = operation();
    expect(await read(certificate, ports, state, ctx)).toBeNull();
    expect(ctx.logs.map((l) => l.msg)).toContain("certificate revoked or missing on chain");
    expect(await read(certificate, ports, { ...state, serial: "999" })).toBeNull();
  });

  test("read of incomplete state fails clearly", async () => {
    const { ports } = fakeWorld();
    await expect(read(certificate, ports, { owner: null, serial: "1" })).rejects.toMatchObject({
      summary: "Incomplete certificate state",
    });
  });

  test("update changes only renew_before and keeps the chain state", async () => {
    const { ports, chain } = fakeWorld();
    const state = await create(certificate, ports, planned);
    const next = await update(certificate, ports, state, { ...state, renew_before: "24h", state: null });
    expect(next).toMatchObject({ renew_before: "24h", state: "valid", serial: state.serial });
    const fromNull = await update(certificate, ports, { ...state, state: null }, { ...state, state: null });
    expect(fromNull.state).toBe("valid");
    expect(chain.submitted).toHaveLength(1); // only the create
  });

  test("delete revokes on chain; an already revoked one is left alone", async () => {
    const { ports, ledger, chain } = fakeWorld();
    const state = await create(certificate, ports, planned);
    await destroy(certificate, ports, state);
    expect(ledger.certificates[0]!.state).toBe("revoked");
    await destroy(certificate, ports, state);
    expect(chain.sent("revokeCertificate")).toHaveLength(1);
  });

  test("delete tolerates a revoke that lost a race, and reports other refusals", async () => {
    const { ports, chain } = fakeWorld();
    const state = await create(certificate, ports, planned);
    chain.failNext(
      "revokeCertificate",
      new ChainError("invalid-state", "The chain refused it.", "certificate already revoked"),
    );
    await expect(destroy(certificate, ports, state)).resolves.toBeUndefined();
    chain.failNext("revokeCertificate", new ChainError("out-of-gas", "The transaction ran out of gas."));
    await expect(destroy(certificate, ports, state)).rejects.toMatchObject({
      summary: "Transaction ran out of gas",
    });
  });

  test("delete of another owner's certificate is refused with both addresses", async () => {
    const { ports } = fakeWorld();
    const state = await create(certificate, ports, planned);
    const other = fakeWorld({ signer: OTHER });
    const error = destroy(certificate, other.ports, state);
    await expect(error).rejects.toMatchObject({ summary: "Cannot revoke this certificate" });
    await expect(error).rejects.toThrow(OTHER);
  });
});

describe("import", () => {
  test("`<serial>` and `<owner>/<serial>` import; the first read fills in what the chain holds", async () => {
    const { ports } = fakeWorld();
    const created = await create(certificate, ports, { validity: "720h", renew_before: "0s" });
    const serial = String(created.serial);
    const byOwner = await importState(certificate, ports, `${OWNER}/${serial}`);
    expect(await importState(certificate, ports, serial)).toEqual(byOwner);
    expect(byOwner).toMatchObject({ id: `${OWNER}/${serial}`, owner: OWNER, serial, cert_pem: null });
    const first = await read(certificate, ports, byOwner);
    expect(first).toMatchObject({
      cert_pem: created.cert_pem,
      public_key_pem: created.public_key_pem,
      private_key_pem: null,
      not_after: created.not_after,
      validity: "720h",
      renew_before: "0s",
      state: "valid",
    });
  });

  test.each(["abc", `${OWNER}/x/1`, "akash1nope/12", "12/", ""])("bad ID %j is refused", async (id) => {
    const { ports } = fakeWorld();
    await expect(importState(certificate, ports, id)).rejects.toMatchObject({ summary: "Invalid import ID" });
  });
});
