/** The simulator's name and version, read from package.json (reports carry them). */
import { readFileSync } from 'node:fs';

interface PackageJson {
  name: string;
  version: string;
}

let cached: PackageJson | undefined;

export function simulatorInfo(): { name: string; version: string } {
  if (!cached) {
    const url = new URL('../../package.json', import.meta.url);
    cached = JSON.parse(readFileSync(url, 'utf8')) as PackageJson;
  }
  return { name: cached.name, version: cached.version };
}
