import { type CodeItem, validateItems } from './codes.ts';
import { CodeImportError } from './import-official.ts';

/** What an official file changed, for the operator who imports it. */
export interface CodeChangeReport {
  /** codes new in the file */
  added: { code: string; name: string; validFrom: string | null }[];
  /** codes whose Korean name changed */
  renamed: { code: string; from: string; to: string }[];
  /** codes the file abolishes (validTo set now), with the codes that take over */
  abolished: { code: string; name: string; validTo: string; successors: string[] }[];
  /** codes of ours the file does not list: kept, since records may hold them */
  keptAbsent: string[];
  /** rows whose dates or successors differ from the history we hold: the history is kept */
  historyKept: { code: string; ours: string; file: string }[];
}

const dates = (i: CodeItem) =>
  `${i.validFrom ?? '-'}..${i.validTo ?? '-'} → ${(i.successors ?? []).join(',') || '-'}`;

/**
 * Applies an official file to the current table without rewriting history: a code never
 * disappears (records keep the code they were entered with), and a code already abolished keeps
 * its validTo and successors whatever the file says. A code in force takes the file's name,
 * parent and level, and its validTo and successors when the file abolishes it. Returns the
 * merged, validated items and what changed.
 */
export function mergeOfficialCodes(
  current: readonly CodeItem[],
  incoming: readonly CodeItem[],
): { items: CodeItem[]; report: CodeChangeReport } {
  const report: CodeChangeReport = { added: [], renamed: [], abolished: [], keptAbsent: [], historyKept: [] };
  const fileByCode = new Map(incoming.map((i) => [i.code, i]));
  const items: CodeItem[] = [];
  for (const ours of current) {
    const theirs = fileByCode.get(ours.code);
    if (!theirs) {
      report.keptAbsent.push(ours.code);
      items.push(ours);
      continue;
    }
    const fileDated = theirs.validFrom !== undefined || theirs.validTo !== undefined;
    let next: CodeItem = {
      ...ours,
      name: theirs.name,
      nameEn: theirs.nameEn || (theirs.name === ours.name ? ours.nameEn : ''),
      level: theirs.level,
      parent: theirs.parent,
    };
    const closed = Boolean(ours.validTo);
    if (theirs.name !== ours.name && !closed)
      report.renamed.push({ code: ours.code, from: ours.name, to: theirs.name });
    if (closed) {
      // Already abolished here: what we hold is history, kept as it is (name included).
      next = { ...next, name: ours.name, nameEn: ours.nameEn };
    }
    if (fileDated) {
      if (closed) {
        if (dates(ours) !== dates(theirs))
          report.historyKept.push({ code: ours.code, ours: dates(ours), file: dates(theirs) });
        next = { ...next, validFrom: ours.validFrom, validTo: ours.validTo, successors: ours.successors };
      } else {
        next = {
          ...next,
          validFrom: ours.validFrom ?? theirs.validFrom ?? null,
          validTo: theirs.validTo ?? null,
          successors: theirs.successors ?? [],
        };
        if (theirs.validTo)
          report.abolished.push({
            code: ours.code,
            name: ours.name,
            validTo: theirs.validTo,
            successors: [...(theirs.successors ?? [])],
          });
      }
    }
    items.push(next);
  }
  const known = new Set(current.map((i) => i.code));
  for (const theirs of incoming) {
    if (known.has(theirs.code)) continue;
    items.push(theirs);
    report.added.push({ code: theirs.code, name: theirs.name, validFrom: theirs.validFrom ?? null });
  }
  const problems = validateItems(items);
  if (problems.length > 0) throw new CodeImportError('(merge)', problems);
  return { items, report };
}
