/** Tasks with the same key run one after another; a failed task does not block the next one. */
import type { TaskQueue } from "../akash/ports/akash-ports";

export class KeyedTaskQueue implements TaskQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.tails.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }
}
