// File-level SBOMs of ./project, made with CycloneDX's own JavaScript library (@cyclonedx/cyclonedx-library, the one
// cyclonedx-npm serializes with) and validated against CycloneDX's JSON schemas by that library. Run by make_fixtures.sh.
// Every file of the installed tree is a `type: file` component with SHA-256 and SHA-1, nested under the component it
// belongs to (the app, or the npm package, packages nested as npm nests them).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(process.env.CDX_LIB_DIR + '/');
const CDX = require('@cyclonedx/cyclonedx-library');
const root = new URL('./project/', import.meta.url).pathname;
const out = new URL('./file-level/', import.meta.url).pathname;

const hash = (alg, file) => createHash(alg).update(readFileSync(file)).digest('hex');
const filesUnder = (dir) => readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1).flatMap(e =>
  e.isDirectory() ? (e.name === 'node_modules' ? [] : filesUnder(join(dir, e.name))) : [join(dir, e.name)]);

function fileComponent(file) {
  const path = relative(root, file);
  const c = new CDX.Models.Component(CDX.Enums.ComponentType.File, path, { bomRef: 'file:' + path });
  c.hashes.set(CDX.Enums.HashAlgorithm['SHA-256'], hash('sha256', file));
  c.hashes.set(CDX.Enums.HashAlgorithm['SHA-1'], hash('sha1', file));
  return c;
}

// An npm package: its own files, then the packages npm nested inside it.
function packageComponent(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const path = relative(root, dir);
  const c = new CDX.Models.Component(CDX.Enums.ComponentType.Library, pkg.name, {
    version: pkg.version, bomRef: 'npm:' + path, purl: `pkg:npm/${pkg.name}@${pkg.version}`,
  });
  for (const f of filesUnder(dir)) c.components.add(fileComponent(f));
  const nested = join(dir, 'node_modules');
  if (statSync(nested, { throwIfNoEntry: false })?.isDirectory())
    for (const d of readdirSync(nested).sort()) if (!d.startsWith('.')) c.components.add(packageComponent(join(nested, d)));
  return c;
}

const app = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bom = new CDX.Models.Bom();
bom.serialNumber = 'urn:uuid:3c1b8f5e-2a3d-4c4e-9b1a-0d6f1e2a7c11';
bom.metadata.component = new CDX.Models.Component(CDX.Enums.ComponentType.Application, app.name, { version: app.version, bomRef: 'app' });
for (const f of filesUnder(root)) bom.components.add(fileComponent(f));
for (const d of readdirSync(join(root, 'node_modules')).sort()) if (!d.startsWith('.')) bom.components.add(packageComponent(join(root, 'node_modules', d)));

const specs = { '1.4': CDX.Spec.Spec1dot4, '1.5': CDX.Spec.Spec1dot5, '1.6': CDX.Spec.Spec1dot6, '1.7': CDX.Spec.Spec1dot7 };
for (const [v, spec] of Object.entries(specs)) {
  const json = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(spec)).serialize(bom, { sortLists: true, space: 2 });
  const jsonErrors = await new CDX.Validation.JsonStrictValidator(spec.version).validate(json);
  if (jsonErrors) throw new Error(`CycloneDX ${v} JSON does not validate: ${JSON.stringify(jsonErrors)}`);
  writeFileSync(join(out, `bom-${v}.cdx.json`), json + '\n');
  const xml = new CDX.Serialize.XmlSerializer(new CDX.Serialize.XML.Normalize.Factory(spec)).serialize(bom, { sortLists: true, space: 2 });
  writeFileSync(join(out, `bom-${v}.cdx.xml`), xml + '\n');
}

// evidence.occurrences (CycloneDX 1.5+): a package that names where it lies instead of listing its files. The library
// has no model for it, so it is added to the 1.6 JSON and the result validated again.
const withOccurrences = JSON.parse(readFileSync(join(out, 'bom-1.6.cdx.json'), 'utf8'));
const leftPad = withOccurrences.components.find(c => c.name === 'left-pad');
const main = join(root, 'node_modules/left-pad/index.js');
leftPad.components = leftPad.components.filter(c => c.name !== 'node_modules/left-pad/index.js');
// The file component goes, and so does its entry in dependencies: a dependency's ref names a bom-ref of the BOM (the
// schema cannot say so; iq refuses a BOM whose references point at nothing).
withOccurrences.dependencies = withOccurrences.dependencies.filter(d => d.ref !== 'file:node_modules/left-pad/index.js');
leftPad.hashes = [{ alg: 'SHA-256', content: hash('sha256', main) }];
leftPad.evidence = { occurrences: [{ location: 'node_modules/left-pad/index.js' }] };
const occurrencesJson = JSON.stringify(withOccurrences, null, 2);
const occErrors = await new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(occurrencesJson);
if (occErrors) throw new Error(`occurrences BOM does not validate: ${JSON.stringify(occErrors)}`);
writeFileSync(join(out, 'bom-1.6-occurrences.cdx.json'), occurrencesJson + '\n');

// SPDX 2.3 JSON: npm's own `npm sbom --sbom-format spdx` (packages, SHA-512 of each tarball), given the files of the
// tree with SHA-256 and SHA-1 and CONTAINS relationships from the package that holds each file.
const spdx = JSON.parse(readFileSync(new URL('./generated/npm-sbom.spdx.json', import.meta.url), 'utf8'));
spdx.files = [];
const holder = (path) => {
  const m = [...path.matchAll(/node_modules\/([^/]+)/g)];
  if (m.length === 0) return spdx.documentDescribes[0];
  const dir = path.slice(0, m[m.length - 1].index + m[m.length - 1][0].length);
  return spdx.packages.find(p => p.packageFileName === dir)?.SPDXID ?? spdx.documentDescribes[0];
};
const allFiles = (dir) => readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)
  .flatMap(e => e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]);
allFiles(root).filter(f => !relative(root, f).startsWith('node_modules/.')).forEach((f, i) => {
  const path = './' + relative(root, f);
  const id = `SPDXRef-File-${i + 1}`;
  spdx.files.push({ fileName: path, SPDXID: id, checksums: [
    { algorithm: 'SHA256', checksumValue: hash('sha256', f) }, { algorithm: 'SHA1', checksumValue: hash('sha1', f) }] });
  spdx.relationships.push({ spdxElementId: holder(relative(root, f)), relatedSpdxElement: id, relationshipType: 'CONTAINS' });
});
writeFileSync(join(out, 'npm-sbom-files.spdx.json'), JSON.stringify(spdx, null, 2) + '\n');

// The same document as SPDX 2.3 tag-value (SPDX 2.3 §4–8 field names; written here, as npm writes JSON only), and as
// SPDX 2.2 JSON (without the 2.3-only primaryPackagePurpose).
const tv = [`SPDXVersion: ${spdx.spdxVersion}`, `DataLicense: ${spdx.dataLicense}`, `SPDXID: ${spdx.SPDXID}`,
  `DocumentName: ${spdx.name}`, `DocumentNamespace: ${spdx.documentNamespace}`,
  ...spdx.creationInfo.creators.map(c => `Creator: ${c}`), `Created: ${spdx.creationInfo.created}`, ''];
for (const d of spdx.documentDescribes) tv.push(`Relationship: SPDXRef-DOCUMENT DESCRIBES ${d}`);
for (const p of spdx.packages) {
  tv.push('', `PackageName: ${p.name}`, `SPDXID: ${p.SPDXID}`, `PackageVersion: ${p.versionInfo}`);
  if (p.packageFileName) tv.push(`PackageFileName: ${p.packageFileName}`);
  tv.push(`PackageDownloadLocation: ${p.downloadLocation ?? 'NOASSERTION'}`, `FilesAnalyzed: false`);
  for (const c of p.checksums ?? []) tv.push(`PackageChecksum: ${c.algorithm}: ${c.checksumValue}`);
  if (p.description) tv.push(`PackageDescription: <text>${p.description}</text>`);
  for (const r of p.externalRefs ?? []) tv.push(`ExternalRef: ${r.referenceCategory} ${r.referenceType} ${r.referenceLocator}`);
}
for (const f of spdx.files) {
  tv.push('', `FileName: ${f.fileName}`, `SPDXID: ${f.SPDXID}`);
  for (const c of f.checksums) tv.push(`FileChecksum: ${c.algorithm}: ${c.checksumValue}`);
}
tv.push('');
for (const r of spdx.relationships) tv.push(`Relationship: ${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`);
writeFileSync(join(out, 'npm-sbom-files.spdx'), tv.join('\n') + '\n');
const spdx22 = JSON.parse(JSON.stringify(spdx));
spdx22.spdxVersion = 'SPDX-2.2';
for (const p of spdx22.packages) delete p.primaryPackagePurpose;
writeFileSync(join(out, 'npm-sbom-files-2.2.spdx.json'), JSON.stringify(spdx22, null, 2) + '\n');
