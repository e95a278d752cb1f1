// The rule documentation that ships beside the bundles (docs/rules/<id>.md in the npm package, the .vsix
// and the repository): the editor links to the local page, so it opens offline, and `harden rules --docs`
// prints it. Online, the same page is docsUrl(id).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl } from '../../engine';

/** docs/ beside the bundle (dist/../docs) or the sources (server/src/hosts/node/../../../../docs). */
function findDocsFolder(from: string): string | undefined {
  for (let dir = from, i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'docs', 'rules', 'README.md'))) return join(dir, 'docs');
  }
  return undefined;
}

let docsFolder: string | null | undefined;

/** The shipped page of a rule (or of another docs/ page, e.g. `schema`), or undefined when it is not there. */
export function localDocsFile(page: string): string | undefined {
  if (docsFolder === undefined) docsFolder = findDocsFolder(__dirname) ?? null;
  if (docsFolder === null) return undefined;
  const file = join(docsFolder, ...(page.includes('/') ? ['rules', ...page.split('/')] : [page])) + '.md';
  return existsSync(file) ? file : undefined;
}

/** A link that opens the rule's page: the shipped file when there is one, else the online page. */
export function ruleDocsHref(ruleId: string): string {
  const file = localDocsFile(ruleId);
  return file ? pathToFileURL(file).href : docsUrl(ruleId);
}
