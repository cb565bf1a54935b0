/** Entry point of the zoo test provider process (bundled by schema-json.test.ts). */
import { serve } from "../../../src/protocol/serve";
import { zooProvider } from "./zoo-provider";

void serve(zooProvider);
