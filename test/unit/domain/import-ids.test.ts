import { DiagnosticError } from "../../../src/framework/diagnostics";
import { parseDeploymentImportId, parseLeaseImportId } from "../../../src/domain/import-ids";

const OWNER = "akash1ssr77atpazepv6t9h3k9suulqr84wrgfag5mjs";
const PROVIDER = "akash1swyafq68a4zmnjez8aeg34ltssmx06n6523xcx";

describe("deployment import IDs", () => {
  test("<dseq> and <owner>/<dseq>", () => {
    expect(parseDeploymentImportId("1795251285343")).toEqual({ dseq: 1795251285343n });
    expect(parseDeploymentImportId(` ${OWNER}/42 `)).toEqual({ owner: OWNER, dseq: 42n });
  });

  test.each(["", "abc", `${OWNER}`, `${OWNER}/x`, "cosmos1abc/5", `${OWNER}/5/1`])("rejects %j", (id) => {
    expect(() => parseDeploymentImportId(id)).toThrow(DiagnosticError);
    expect(() => parseDeploymentImportId(id)).toThrow("use `<dseq>` or `<owner>/<dseq>`");
  });
});

describe("lease import IDs", () => {
  test("with and without the owner", () => {
    expect(parseLeaseImportId(`7/1/2/${PROVIDER}`)).toEqual({
      owner: undefined,
      dseq: 7n,
      gseq: 1,
      oseq: 2,
      provider: PROVIDER,
    });
    expect(parseLeaseImportId(`${OWNER}/7/1/2/${PROVIDER}`)).toMatchObject({ owner: OWNER, dseq: 7n });
  });

  test.each(["7/1/2", `7/1/x/${PROVIDER}`, `7/1/2/notanaddress`, `bad/7/1/2/${PROVIDER}`])(
    "rejects %j",
    (id) => {
      expect(() => parseLeaseImportId(id)).toThrow("<dseq>/<gseq>/<oseq>/<provider>");
    },
  );
});
