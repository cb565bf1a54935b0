/** Where a command writes. Commands never touch process.stdout directly so tests can capture their output. */
import { createInterface } from "node:readline";

export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Asks one question on the user's terminal and resolves with the answer. Absent when nobody can answer
   * (stdin is not a terminal): commands that need consent must then refuse instead of assuming it.
   */
  ask?: (question: string) => Promise<string>;
}

function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    // Ctrl-D (end of input) counts as no answer, never as consent.
    let answered = false;
    rl.once("close", () => {
      if (!answered) resolve("");
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

/** Process streams, for the real CLI. */
export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  ...(process.stdin.isTTY ? { ask: askOnTerminal } : {}),
};
