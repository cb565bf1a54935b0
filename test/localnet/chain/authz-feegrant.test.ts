import { GasPrice, SigningStargateClient, type StdFee } from "@cosmjs/stargate";
import { GenericAuthorization } from "cosmjs-types/cosmos/authz/v1beta1/authz";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { BasicAllowance } from "cosmjs-types/cosmos/feegrant/v1beta1/feegrant";
import { QueryAllowanceRequest, QueryAllowanceResponse } from "cosmjs-types/cosmos/feegrant/v1beta1/query";
import { QueryGrantsRequest, QueryGrantsResponse } from "cosmjs-types/cosmos/authz/v1beta1/query";
import { localnetKeys } from "../../../src/localnet/keys";
import { abciQuery, startTestChain, testAccountClient, walletFor, type TestChain } from "./test-chain";

const FEE: StdFee = { amount: [{ denom: "uakt", amount: "5000" }], gas: "300000" };
const SEND_URL = "/cosmos.bank.v1beta1.MsgSend";

async function clientFor(t: TestChain, mnemonic: string): Promise<SigningStargateClient> {
  return SigningStargateClient.connectWithSigner(t.chain.rpcUrl, await walletFor(mnemonic), {
    gasPrice: GasPrice.fromString("0.025uakt"),
    broadcastPollIntervalMs: 100,
  });
}

describe("localnet chain: authz and feegrant", () => {
  let t: TestChain;
  beforeAll(async () => {
    t = await startTestChain();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it("grants, executes and revokes a generic authorization", async () => {
    const { client: granterClient, address: granter } = await testAccountClient(t.chain);
    const auditor = localnetKeys.auditor();
    const grantee = await clientFor(t, auditor.mnemonic);
    const target = localnetKeys.provider(4).address;

    const grant = await granterClient.signAndBroadcast(
      granter,
      [
        {
          typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
          value: {
            granter,
            grantee: auditor.address,
            grant: {
              authorization: {
                typeUrl: "/cosmos.authz.v1beta1.GenericAuthorization",
                value: GenericAuthorization.encode({ msg: SEND_URL }).finish(),
              },
            },
          },
        },
      ],
      "auto",
    );
    expect(grant.code).toBe(0);
    expect(grant.events.find((e) => e.type === "cosmos.authz.v1beta1.EventGrant")?.attributes).toEqual([
      { key: "grantee", value: JSON.stringify(auditor.address) },
      { key: "granter", value: JSON.stringify(granter) },
      { key: "msg_type_url", value: JSON.stringify(SEND_URL) },
      { key: "msg_index", value: "0" },
    ]);

    const grants = QueryGrantsResponse.decode(
      await abciQuery(
        t.chain,
        "/cosmos.authz.v1beta1.Query/Grants",
        QueryGrantsRequest.encode({ granter, grantee: auditor.address, msgTypeUrl: "" }).finish(),
      ),
    );
    expect(grants.grants.map((g) => g.authorization?.typeUrl)).toEqual([
      "/cosmos.authz.v1beta1.GenericAuthorization",
    ]);

    const exec = {
      typeUrl: "/cosmos.authz.v1beta1.MsgExec",
      value: {
        grantee: auditor.address,
        msgs: [
          {
            typeUrl: SEND_URL,
            value: MsgSend.encode({
              fromAddress: granter,
              toAddress: target,
              amount: [{ denom: "uakt", amount: "4242" }],
            }).finish(),
          },
        ],
      },
    };
    const executed = await grantee.signAndBroadcast(auditor.address, [exec], "auto");
    expect(executed.code).toBe(0);
    expect(executed.msgResponses[0]?.typeUrl).toBe("/cosmos.authz.v1beta1.MsgExecResponse");
    expect(await grantee.getBalance(target, "uakt")).toEqual({ denom: "uakt", amount: "4242" });

    const revoked = await granterClient.signAndBroadcast(
      granter,
      [
        {
          typeUrl: "/cosmos.authz.v1beta1.MsgRevoke",
          value: { granter, grantee: auditor.address, msgTypeUrl: SEND_URL },
        },
      ],
      "auto",
    );
    expect(revoked.code).toBe(0);
    const denied = await grantee.signAndBroadcast(auditor.address, [exec], FEE);
    expect(denied.code).toBe(2);
    expect(denied.rawLog).toBe(
      `failed to execute message; message index: 0: failed to get grant with given granter: ${granter}, grantee: ${auditor.address} & msgType: ${SEND_URL} : authorization not found`,
    );
    grantee.disconnect();
    granterClient.disconnect();
  });

  it("pays fees from a fee allowance and enforces its spend limit", async () => {
    const { client: granterClient, address: granter } = await testAccountClient(t.chain);
    const granteeKey = localnetKeys.provider(6);
    const grantAllowance = await granterClient.signAndBroadcast(
      granter,
      [
        {
          typeUrl: "/cosmos.feegrant.v1beta1.MsgGrantAllowance",
          value: {
            granter,
            grantee: granteeKey.address,
            allowance: {
              typeUrl: "/cosmos.feegrant.v1beta1.BasicAllowance",
              value: BasicAllowance.encode({ spendLimit: [{ denom: "uakt", amount: "8000" }] }).finish(),
            },
          },
        },
      ],
      "auto",
    );
    expect(grantAllowance.code).toBe(0);

    // The grantee holds no tokens at all; the granter pays its fee.
    const grantee = await clientFor(t, granteeKey.mnemonic);
    const msg = {
      typeUrl: "/cosmos.authz.v1beta1.MsgGrant",
      value: {
        granter: granteeKey.address,
        grantee: granter,
        grant: {
          authorization: {
            typeUrl: "/cosmos.authz.v1beta1.GenericAuthorization",
            value: GenericAuthorization.encode({ msg: SEND_URL }).finish(),
          },
        },
      },
    };
    const paid = await grantee.signAndBroadcast(granteeKey.address, [msg], { ...FEE, granter });
    expect(paid.code).toBe(0);
    expect(paid.events.find((e) => e.type === "use_feegrant")).toBeDefined();
    expect(await grantee.getBalance(granteeKey.address, "uakt")).toEqual({ denom: "uakt", amount: "0" });
    const left = QueryAllowanceResponse.decode(
      await abciQuery(
        t.chain,
        "/cosmos.feegrant.v1beta1.Query/Allowance",
        QueryAllowanceRequest.encode({ granter, grantee: granteeKey.address }).finish(),
      ),
    );
    expect(BasicAllowance.decode(left.allowance!.allowance!.value).spendLimit).toEqual([
      { denom: "uakt", amount: "3000" },
    ]);

    // A second 5000uakt fee exceeds the remaining 3000uakt: rejected in CheckTx. (signAndBroadcastSync: cosmjs's
    // signAndBroadcast leaves its 60 s poll timer running when CheckTx rejects, which keeps jest alive.)
    await expect(
      grantee.signAndBroadcastSync(
        granteeKey.address,
        [{ ...msg, value: { ...msg.value, grantee: localnetKeys.auditor().address } }],
        { ...FEE, granter },
      ),
    ).rejects.toThrow(
      `Broadcasting transaction failed with code 2 (codespace: feegrant). Log: ${granter} does not allow to pay fees for ${granteeKey.address}: basic allowance: fee limit exceeded`,
    );
    grantee.disconnect();
    granterClient.disconnect();
  });
});
