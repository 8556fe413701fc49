/**
 * Maps a path inside Electron's app.asar archive to its copy in app.asar.unpacked,
 * where electron-builder.yml's asarUnpack puts the knowledge base's worker, the
 * sample material and pdfjs-dist, because a worker thread loads files from disk.
 */
import { existsSync } from 'node:fs';

/** Returns the unpacked copy of `path` when it is inside app.asar and the copy exists; otherwise `path`. */
export function unpackedPath(path: string): string {
  const unpacked = path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}
