export function rewriteFrameworkImports(text: string, fileName: string, from: string, to: string): string;
