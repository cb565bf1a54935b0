/**
 * Entry point of the provider process that terraform launches (bundled to dist/provider/main.mjs). The provider's own
 * modules load after the handshake line is out, so terraform's start-up wait does not grow with the provider.
 */
import { serve } from "../protocol/serve";
import type { CompositionRoot } from "./composition-root";

let root: CompositionRoot | undefined;

void serve(
  async (log) => {
    const [{ akashProvider }, { CompositionRoot }] = await Promise.all([
      import("./akash-provider"),
      import("./composition-root"),
    ]);
    root = new CompositionRoot(process.env, log);
    return akashProvider(root);
  },
  {
    name: "akash",
    // A normal shutdown means terraform has the results in its state: the crash journal is no longer needed.
    onShutdown: () => root?.shutdown(),
  },
);
