// The transactions one account signed, read from a CometBFT node's tx index. scripts/bench-deployments.mjs and
// test/e2e/parallel.test.ts both count transactions and blocks from this, so they report the same numbers.

/** One CometBFT JSON-RPC call; throws with the node's message when it answers with an error. */
export async function cometRpc(node, method, params) {
  const response = await fetch(node, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  // JSON-RPC: `result` is whatever the method answers; callers read the fields they know.
  const body = /** @type {{ result?: any; error?: { message: string; data?: string } }} */ (
    await response.json()
  );
  if (body.error) throw new Error(`${method}: ${body.error.data ?? body.error.message}`);
  return body.result;
}

/** `sender`'s transactions above `fromHeight` (tx_search by message.sender), with the message actions each carried. */
export async function ourTransactions(node, sender, fromHeight = 0) {
  const out = [];
  for (let page = 1; ; page++) {
    const result = await cometRpc(node, "tx_search", {
      query: `message.sender='${sender}' AND tx.height>${fromHeight}`,
      page: String(page),
      per_page: "100",
    });
    for (const tx of result.txs) {
      const actions = (tx.tx_result.events ?? [])
        .filter((e) => e.type === "message")
        .flatMap((e) => e.attributes.filter((a) => a.key === "action").map((a) => a.value));
      out.push({ height: Number(tx.height), code: tx.tx_result.code ?? 0, actions });
    }
    if (out.length >= Number(result.total_count) || result.txs.length === 0) return out;
  }
}
