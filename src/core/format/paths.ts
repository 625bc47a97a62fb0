// Paths in reports: findings name files relative to the docs root; reports show them relative
// to where the reader is (the working folder, or the report file's folder).

/** `prefix` + `file` with `.` and `..` resolved, `/` separators: "kb/" + "../questions.txt" is "questions.txt". */
export function joinDisplayPath(prefix: string, file: string): string {
  const parts: string[] = [];
  for (const part of `${prefix}${file}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}

/**
 * A docs-relative path as a relative link target for a Markdown report: each segment
 * percent-encoded (so "#", "?", ":", spaces and parentheses in file names stay part of the
 * path and no file name can read as a scheme), "/" kept.
 */
export function relativeLinkTarget(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()!'*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
