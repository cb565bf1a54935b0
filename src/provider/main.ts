/** Entry point of the provider process that terraform launches (bundled to dist/provider.js). */
import { serve } from "../protocol/serve";
import { akashProvider } from "./akash-provider";

void serve(akashProvider);
