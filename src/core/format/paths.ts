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
