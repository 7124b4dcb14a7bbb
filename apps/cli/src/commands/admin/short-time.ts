/** An ISO time to the second, as tables show it: "2026-11-25 16:19:05Z". */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
