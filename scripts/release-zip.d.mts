export function writeZip(file: string, entries: { name: string; data: Buffer; mode: number }[]): void;
