/**
 * Entry point of the provider process that terraform launches (bundled to dist/provider.js). The provider's own
 * modules load after the handshake line is out, so terraform's start-up wait does not grow with the provider.
 */
import { serve } from "../protocol/serve";

void serve(async () => (await import("./akash-provider")).akashProvider, { name: "akash" });
