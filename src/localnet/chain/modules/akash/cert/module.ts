/** Client/provider certificates for mTLS (akash.cert.v1): publish, revoke, list. */
import {
  Certificate,
  MsgCreateCertificate,
  MsgCreateCertificateResponse,
  MsgRevokeCertificate,
  MsgRevokeCertificateResponse,
  QueryCertificatesRequest,
  QueryCertificatesResponse,
} from "@akashnetwork/chain-sdk/private-types/akash.v1";
import type { ChainModule } from "../../../module";
import { isAccountAddress } from "../shared/address";
import { invalidArgument, registered, sdkErrors } from "../shared/errors";
import { defineMsg } from "../shared/msg-definition";
import { moduleStore } from "../shared/module-store";
import { paginate } from "../shared/pagination";
import { checkCertificate, errInvalidSerial } from "./pem-checks";

export const CERT_MODULE = "cert";

const CertState = { valid: 1, revoked: 2 } as const;
const STATE_NAMES: Record<string, number> = { valid: 1, revoked: 2 };

export interface CertificateRecord {
  owner: string;
  serial: string;
  state: number;
  cert: Uint8Array;
  pubkey: Uint8Array;
}

/** Serials are up to 160 bits; pad to 49 digits so store order is numeric. */
const certKey = (owner: string, serial: string) => `c/${owner}/${serial.padStart(49, "0")}`;

const err = {
  notFound: registered("cert", 1, "certificate not found"),
  exists: registered("cert", 3, "certificate exists"),
  alreadyRevoked: registered("cert", 4, "certificate already revoked"),
};

export function certModule(): ChainModule {
  return {
    name: CERT_MODULE,
    msgs: Object.fromEntries([
      defineMsg({
        codec: MsgCreateCertificate,
        response: MsgCreateCertificateResponse,
        signers: (msg) => [msg.owner],
        validateBasic(msg) {
          if (!isAccountAddress(msg.owner))
            throw sdkErrors.invalidAddress("MsgCreateCertificate: Invalid Owner Address");
          checkCertificate(msg.owner, msg.cert, msg.pubkey);
        },
        handle(ctx, msg) {
          const { serial } = checkCertificate(msg.owner, msg.cert, msg.pubkey);
          const store = moduleStore(ctx, CERT_MODULE);
          if (store.has(certKey(msg.owner, serial))) throw err.exists;
          store.set<CertificateRecord>(certKey(msg.owner, serial), {
            owner: msg.owner,
            serial,
            state: CertState.valid,
            cert: msg.cert.slice(),
            pubkey: msg.pubkey.slice(),
          });
          return {};
        },
      }),
      defineMsg({
        codec: MsgRevokeCertificate,
        response: MsgRevokeCertificateResponse,
        signers: (msg) => [msg.id?.owner ?? ""],
        validateBasic(msg) {
          if (!isAccountAddress(msg.id?.owner ?? "")) {
            throw sdkErrors.invalidAddress("MsgRevokeCertificate: Invalid Owner Address");
          }
          if (!/^\d+$/.test(msg.id?.serial ?? "")) throw errInvalidSerial;
        },
        handle(ctx, msg) {
          const owner = msg.id?.owner ?? "";
          const serial = BigInt(msg.id?.serial ?? "0").toString();
          const store = moduleStore(ctx, CERT_MODULE);
          const record = store.get<CertificateRecord>(certKey(owner, serial));
          if (!record) throw err.notFound;
          if (record.state === CertState.revoked) throw err.alreadyRevoked;
          store.set<CertificateRecord>(certKey(owner, serial), { ...record, state: CertState.revoked });
          return {};
        },
      }),
    ]),
    queries: {
      "/akash.cert.v1.Query/Certificates"(ctx, request) {
        const req = QueryCertificatesRequest.decode(request);
        const owner = req.filter?.owner ?? "";
        const serial = req.filter?.serial ?? "";
        const stateText = req.filter?.state ?? "";
        const state = stateText === "" ? undefined : STATE_NAMES[stateText];
        if (stateText !== "" && state === undefined) throw invalidArgument("invalid state value");
        const store = ctx.storeOf(CERT_MODULE);
        const entries =
          owner !== "" && serial !== "" && /^\d+$/.test(serial)
            ? store.iterate<CertificateRecord>(certKey(owner, BigInt(serial).toString()))
            : store.iterate<CertificateRecord>(owner === "" ? "c/" : `c/${owner}/`);
        const page = paginate(entries, req.pagination, (_k, c) => {
          if (state !== undefined && c.state !== state) return undefined;
          if (serial !== "" && c.serial !== serial) return undefined;
          return {
            certificate: Certificate.fromPartial({ state: c.state, cert: c.cert, pubkey: c.pubkey }),
            serial: c.serial,
          };
        });
        return QueryCertificatesResponse.encode({
          certificates: page.items,
          pagination: page.pagination,
        }).finish();
      },
    },
  };
}
