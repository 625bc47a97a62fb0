// Where the generator serves each article, and which article a link means: relative files with
// or without `.md`, folder pages (`index.md`, `README.md`, `_index.md`, `guides/guides.md`),
// routes with trailing slashes, links from the docs root or the site root, front-matter `slug`,
// `id`, `url`, `permalink` and `aliases`, and the KB's own published address.
import type { Article } from '../model';
import { flavorById } from './index';
import { normalizeRoute } from './helpers';
import type { Flavor, Site } from './types';

const NUMBER_PREFIX = /^\d+[-_.]\s*/;

function stripExtension(file: string): string {
  return file.replace(/\.(?:md|mdx|markdown)$/i, '');
}

function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The route of a file by its path alone: a folder's page is the folder. */
export function pathRoute(flavor: Flavor, file: string): string {
  let parts = stripExtension(file).split('/');
  if (flavor.stripNumberPrefixes) parts = parts.map((p) => p.replace(NUMBER_PREFIX, ''));
  const base = parts[parts.length - 1];
  const isIndex = flavor.indexNames.some((n) => n.toLowerCase() === base.toLowerCase()) || (flavor.folderNamedIndex && parts.length > 1 && parts[parts.length - 2].toLowerCase() === base.toLowerCase());
  if (isIndex) parts = parts.slice(0, -1);
  return normalizeRoute(parts.join('/'));
}

function stringValue(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Every route the site serves an article under (normalised: no slashes at the ends, lower case). */
export function articleRoutes(site: Site, article: Article): string[] {
  const routes = routesOfPath(site, article, site.locale?.keys.get(article.file) ?? article.file);
  // A translation is served under its locale too (Hugo's /de/…, Docusaurus' /fr/docs/…).
  if (site.locale) for (const route of [...routes]) routes.push(route ? `${site.locale.id}/${route}` : site.locale.id);
  return routes;
}

function routesOfPath(site: Site, article: Article, file: string): string[] {
  const flavor = flavorById(site.flavor);
  const data = article.frontMatter?.data ?? {};
  const byPath = pathRoute(flavor, file);
  const routes = new Set<string>([byPath]);
  const folder = normalizeRoute(folderOf(byPath === '' ? '' : stripExtension(file)));
  const id = stringValue(data.id);
  if (id && site.flavor === 'docusaurus') {
    // A doc's id replaces its file name, in its route and in the sidebars.
    const dir = normalizeRoute(folderOf(stripExtension(file)).split('/').map((p) => p.replace(NUMBER_PREFIX, '')).join('/'));
    routes.add(normalizeRoute(dir ? `${dir}/${id}` : id));
  }
  const slug = stringValue(data.slug);
  if (slug) {
    if (slug.startsWith('/')) routes.add(normalizeRoute(slug));
    else {
      const dir = site.flavor === 'docusaurus' ? normalizeRoute(folderOf(stripExtension(file))) : folderOf(byPath) || folder;
      routes.add(normalizeRoute(dir ? `${dir}/${slug}` : slug));
    }
  }
  for (const key of ['url', 'permalink']) {
    const url = stringValue(data[key]);
    if (url) routes.add(normalizeRoute(url));
  }
  const aliases = data.aliases;
  if (Array.isArray(aliases)) for (const a of aliases) if (typeof a === 'string') routes.add(normalizeRoute(a));
  return [...routes];
}

/** The ids the sidebars may name an article by (Docusaurus: its path or front-matter id). */
export function articleIds(site: Site, article: Article): string[] {
  const file = site.locale?.keys.get(article.file) ?? article.file;
  const ids = new Set<string>([normalizeRoute(stripExtension(file)), ...articleRoutes(site, article)]);
  const id = stringValue(article.frontMatter?.data.id);
  if (id) {
    const dir = folderOf(stripExtension(file));
    ids.add(normalizeRoute(dir ? `${dir}/${id}` : id));
  }
  return [...ids];
}
