// Vitest setup (plain JS: the project has no @types/node).
// Node 18 has no global WebCrypto without a flag; Node 19+ and browsers do.
import { webcrypto } from 'node:crypto';

if (!globalThis.crypto) Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true });
