/** Types for our-transactions.mjs, for the TypeScript tests that share it. */
export interface OurTx {
  height: number;
  /** 0 = success. */
  code: number;
  /** The `message.action` of every message in the transaction (type URLs). */
  actions: string[];
}

export function cometRpc(node: string, method: string, params: Record<string, unknown>): Promise<unknown>;

export function ourTransactions(node: string, sender: string, fromHeight?: number): Promise<OurTx[]>;
