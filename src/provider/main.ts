/**
 * Entry point of the provider process that terraform launches (bundled to dist/provider/main.mjs). The provider's own
 * modules load after the handshake line is out, so terraform's start-up wait does not grow with the provider.
 */
import { serve } from "../protocol/serve";
import { clearCreateJournalOnShutdown } from "./create-journal";

void serve(async () => (await import("./akash-provider")).akashProvider, {
  name: "akash",
  // A normal shutdown means terraform has the results in its state: the crash journal is no longer needed.
  onShutdown: clearCreateJournalOnShutdown,
});
