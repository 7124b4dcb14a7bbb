import type { ScannedFile } from './scan.message';

/**
 * Splits a scan's files into parts of at most `maxBytes` of content each (a larger file travels
 * alone), so no message nears the broker's size limit however large the repository.
 */
export function splitScanIntoParts(
  files: readonly ScannedFile[],
  maxBytes = 512 * 1024,
): ScannedFile[][] {
  const parts: ScannedFile[][] = [];
  let current: ScannedFile[] = [];
  let size = 0;
  for (const file of files) {
    const bytes = Buffer.byteLength(file.content, 'utf8') + Buffer.byteLength(file.path, 'utf8');
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += bytes;
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts;
}
