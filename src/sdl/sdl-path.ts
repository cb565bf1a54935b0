/**
 * Paths into the SDL document as shown to users: `services.web.expose[0].port`. Keys that are not plain words
 * (dots, spaces, …) are quoted so the path stays unambiguous: `profiles.placement["us.west"]`.
 */

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

export function childPath(parent: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** Builds a path from a list of segments: strings are keys, numbers are list indexes. */
export function sdlPath(...segments: (string | number)[]): string {
  let path = "";
  for (const segment of segments)
    path = typeof segment === "number" ? indexPath(path, segment) : childPath(path, segment);
  return path;
}
