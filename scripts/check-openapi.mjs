#!/usr/bin/env node
// OpenAPI check: src/api/openapi.json (or the given file) must be an OpenAPI 3.1 document
// that the official 3.1 JSON schema accepts, with every $ref resolving. The validator is
// @seriousme/openapi-schema-validator (web's devDependencies: cd web && npm ci), which
// checks against the schema published by the OpenAPI Initiative (spec.openapis.org).
//   node scripts/check-openapi.mjs [FILE]    exit 0 valid, 1 invalid, 2 cannot run
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(process.argv[2] ?? path.join(root, 'src/api/openapi.json'));
const shown = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;

let Validator;
try {
  const require = createRequire(path.join(root, 'web/package.json'));
  ({ Validator } = await import(pathToFileURL(require.resolve('@seriousme/openapi-schema-validator')).href));
} catch {
  console.error('openapi: the validator is not installed: cd web && npm ci');
  process.exit(2);
}

let spec;
try {
  spec = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.log(`${shown}: not JSON: ${e.message}`);
  process.exit(1);
}
if (typeof spec.openapi !== 'string' || !/^3\.1\.\d+$/.test(spec.openapi)) {
  console.log(`${shown}: "openapi" must be a 3.1.x version, not ${JSON.stringify(spec.openapi)}`);
  process.exit(1);
}
const result = await new Validator().validate(spec);
if (result.valid) {
  console.log(`openapi: ${shown} is a valid OpenAPI ${spec.openapi} document (${Object.keys(spec.paths ?? {}).length} paths)`);
  process.exit(0);
}
// A JSON pointer (/paths/~1healthz/get) as a path to read: paths["/healthz"].get
function pointer(p) {
  if (!p) return '(document)';
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s, i) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}
// Schema errors come as Ajv errors (where, what); a $ref that does not resolve as a string.
const errors = Array.isArray(result.errors) ? result.errors : [{ instancePath: '', message: String(result.errors) }];
for (const e of errors.slice(0, 30)) {
  const where = pointer(e.instancePath);
  const detail = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
  console.log(`${shown}: ${where}: ${e.message}${detail}`);
}
if (errors.length > 30) console.log(`... and ${errors.length - 30} more`);
console.log(`openapi: ${shown} does not follow the OpenAPI 3.1 schema (the first error is usually the one to fix)`);
process.exit(1);
