// A repository's own files are not help articles: README at the top of a repository, the
// contributing guide, the licence, the changelog, templates for issues and pull requests.
import { TRAILING_SLASHES, toPosix } from '../fileSystem';
import type { Site } from './types';

/** Names that are a repository's files whatever their case. */
const META_ANY_CASE = /^(?:contributing|code[_-]of[_-]conduct|licen[cs]e|copying|changelog|codeowners|pull_request_template|issue_template)(?:\.[a-z]+)?$/i;
/** Names that are a repository's files when written in capitals, as tools expect them (SECURITY.md, AGENTS.md). */
const META_CAPITALS = /^(?:SECURITY|SUPPORT|AUTHORS|CONTRIBUTORS|MAINTAINERS|GOVERNANCE|AGENTS|CLAUDE|GEMINI|NOTICE|HISTORY|CHANGES|ROADMAP|RELEASING|TODO)(?:\.[a-z]+)?$/;

/** Is `file` (relative to the docs root) a repository file rather than an article? */
export function isMetaFile(file: string, site: Site, docsRoot: string): boolean {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  if (META_ANY_CASE.test(name) || META_CAPITALS.test(name)) return true;
  if (file.split('/').some((part) => part === 'ISSUE_TEMPLATE' || part === '.github')) return true;
  // mdBook's SUMMARY.md is the book's table of contents, read as its navigation.
  if (slash < 0 && name === 'SUMMARY.md' && site.flavor === 'mdbook') return true;
  // README.md at the top of the folder a generator is configured in is the repository's front
  // page; deeper down (mdBook's src/README.md, a folder's README) it is the folder's page.
  if (slash < 0 && /^readme\.(?:md|markdown)$/i.test(name) && site.configDir !== null && toPosix(site.configDir).replace(TRAILING_SLASHES, '') === toPosix(docsRoot).replace(TRAILING_SLASHES, '')) {
    return site.flavor !== 'mdbook';
  }
  return false;
}
