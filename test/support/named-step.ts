/**
 * One named step of a test whose steps build on each other (one terraform state carried from create to destroy):
 * a failure says which step it was in.
 */
export async function namedStep<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error) {
      const original = error.message;
      error.message = `step "${name}": ${original}`;
      // Some errors format their stack lazily (it already says the new message); others have it fixed.
      if (error.stack && !error.stack.includes(error.message))
        error.stack = error.stack.replace(original, error.message);
    }
    throw error;
  }
}
