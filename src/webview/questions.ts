// The Questions tab: every sample question with the bot's decision, filterable and sortable.
import { DECISIONS, type Decision, type PreviewFilter, type RoutedView, type SummaryView } from '../shared/messages';
import { confidenceText, decisionBadge, DECISION_LABEL, h, percent } from './dom';
import { post, type SortKey } from './host';

/** Rows drawn at most; the rest are counted, so tens of thousands of questions stay responsive. */
const MAX_ROWS = 500;

export interface QuestionsState {
  filter: PreviewFilter;
  onlyWrong: boolean;
  sort: { key: SortKey; descending: boolean };
}

export interface QuestionsPanel {
  element: HTMLElement;
  setData(summary: SummaryView, results: RoutedView[], source: string, sectionLabel: (id: string) => string): void;
  setFilter(filter: PreviewFilter): void;
}

const DECISION_ORDER: Record<Decision, number> = { answer: 0, clarify: 1, escalate: 2 };

/**
 * A table people read sorts as their language does ("é" beside "e"), unlike reports, which sort
 * by code point; strings the locale ranks equal fall back to code points, so the order is total.
 */
function byReader(a: string, b: string): number {
  return a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function compare(key: SortKey): (a: RoutedView, b: RoutedView) => number {
  switch (key) {
    case 'question':
      return (a, b) => byReader(a.question, b.question);
    case 'decision':
      return (a, b) => DECISION_ORDER[a.decision] - DECISION_ORDER[b.decision] || b.confidence - a.confidence;
    case 'confidence':
      return (a, b) => a.confidence - b.confidence;
    case 'answer':
      return (a, b) => byReader(a.answer ? `${a.answer.file} ${a.answer.heading}` : '\uffff', b.answer ? `${b.answer.file} ${b.answer.heading}` : '\uffff');
  }
}

export function filterResults(results: RoutedView[], filter: PreviewFilter, onlyWrong: boolean): RoutedView[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return results.filter(
    (r) =>
      (!filter.decision || r.decision === filter.decision) &&
      (!filter.sectionId || r.sectionId === filter.sectionId) &&
      (!text || r.question.toLowerCase().includes(text)) &&
      (!onlyWrong || r.correct === false),
  );
}

export function createQuestionsPanel(state: QuestionsState, onChange: (state: QuestionsState) => void): QuestionsPanel {
  let summary: SummaryView | null = null;
  let results: RoutedView[] = [];
  let sectionLabel: (id: string) => string = (id) => id;
  let source = '';

  const summaryLine = h('div', { class: 'summary', 'aria-live': 'polite' });
  const decisionSelect = h(
    'select',
    { id: 'filter-decision', 'aria-label': 'Filter by decision' },
    h('option', { value: '' }, 'All decisions'),
    ...DECISIONS.map((d) => h('option', { value: d }, DECISION_LABEL[d])),
  );
  const textInput = h('input', { id: 'filter-text', type: 'search', placeholder: 'Filter questions', 'aria-label': 'Filter questions by text' });
  const wrongBox = h('input', { id: 'filter-wrong', type: 'checkbox' });
  const wrongLabel = h('label', { for: 'filter-wrong', class: 'check' }, wrongBox, ' Only wrong');
  const sectionChip = h('span', { class: 'chip-slot' });
  const table = h('table', { class: 'questions', id: 'questions-table' });
  const footer = h('p', { class: 'muted', id: 'questions-footer' });

  const headerCell = (key: SortKey, label: string) => {
    const sorted = state.sort.key === key;
    const button = h(
      'button',
      {
        type: 'button',
        class: 'sort',
        'data-sort': key,
        onclick: () => {
          state.sort = { key, descending: state.sort.key === key ? !state.sort.descending : key === 'confidence' };
          changed();
        },
      },
      label,
      sorted ? (state.sort.descending ? ' ▼' : ' ▲') : '',
    );
    return h('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.descending ? 'descending' : 'ascending') : 'none' }, button);
  };

  const row = (r: RoutedView) => {
    const open = () => r.answer && post({ type: 'open', file: r.answer.file, line: r.answer.line });
    const tr = h(
      'tr',
      {
        tabindex: 0,
        class: r.correct === false ? 'wrong' : null,
        'aria-label': `${r.question}: ${DECISION_LABEL[r.decision]}, confidence ${confidenceText(r.confidence)}`,
        onclick: open,
        onkeydown: (event) => {
          if ((event as KeyboardEvent).key === 'Enter' || (event as KeyboardEvent).key === ' ') {
            event.preventDefault();
            open();
          }
        },
      },
      h('td', { class: 'q' }, r.question),
      h('td', {}, decisionBadge(r.decision)),
      h('td', { class: 'num' }, confidenceText(r.confidence)),
      h('td', { class: 'where' }, r.answer ? `${r.answer.file} › ${r.answer.heading}` : '—'),
    );
    if (summary?.labelled) {
      const expected = r.expected === undefined ? '' : r.expected === null ? 'escalate' : r.expected;
      tr.append(h('td', { class: r.correct === false ? 'verdict wrong' : 'verdict' }, r.correct === undefined ? '' : r.correct ? `✓ ${expected}` : `✗ ${expected}`));
    }
    return tr;
  };

  const render = () => {
    decisionSelect.value = state.filter.decision ?? '';
    if (textInput.value !== (state.filter.text ?? '')) textInput.value = state.filter.text ?? '';
    wrongBox.checked = state.onlyWrong;
    wrongLabel.hidden = !summary?.labelled;
    sectionChip.replaceChildren();
    if (state.filter.sectionId) {
      sectionChip.append(
        h(
          'span',
          { class: 'chip' },
          'Section: ',
          sectionLabel(state.filter.sectionId),
          h(
            'button',
            {
              type: 'button',
              class: 'chip-clear',
              'aria-label': 'Clear the section filter',
              onclick: () => {
                delete state.filter.sectionId;
                changed();
              },
            },
            '×',
          ),
        ),
      );
    }
    if (!summary) {
      summaryLine.replaceChildren('No preview yet.');
      table.replaceChildren();
      footer.replaceChildren();
      return;
    }
    const s = summary;
    summaryLine.replaceChildren(
      h('strong', {}, String(s.questions)),
      ' questions: ',
      h('span', { class: 'count-answer' }, `${s.answered} answered`),
      ' · ',
      h('span', { class: 'count-clarify' }, `${s.clarify} clarify`),
      ' · ',
      h('span', { class: 'count-escalate' }, `${s.escalated} escalated`),
      ` at threshold ${s.threshold}`,
      s.labelled ? ` · accuracy ${percent(s.accuracy ?? 0)} on ${s.labelled} labelled (balanced ${percent(s.balancedAccuracy ?? 0)})` : '',
    );
    const shown = filterResults(results, state.filter, state.onlyWrong);
    const sorter = compare(state.sort.key);
    shown.sort(state.sort.descending ? (a, b) => sorter(b, a) : sorter);
    const head = h(
      'tr',
      {},
      headerCell('question', 'Question'),
      headerCell('decision', 'Decision'),
      headerCell('confidence', 'Conf.'),
      headerCell('answer', 'Routed to'),
    );
    if (s.labelled) head.append(h('th', { scope: 'col' }, 'Expected'));
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, ...shown.slice(0, MAX_ROWS).map(row)));
    footer.replaceChildren(
      shown.length > MAX_ROWS
        ? `Showing ${MAX_ROWS} of ${shown.length} matching questions; filter to see the rest.`
        : `${shown.length} of ${results.length} questions shown. ${source}`,
    );
  };

  const changed = () => {
    render();
    onChange(state);
  };

  decisionSelect.addEventListener('change', () => {
    const value = decisionSelect.value;
    if (value === 'answer' || value === 'clarify' || value === 'escalate') state.filter.decision = value;
    else delete state.filter.decision;
    changed();
  });
  textInput.addEventListener('input', () => {
    state.filter.text = textInput.value;
    changed();
  });
  wrongBox.addEventListener('change', () => {
    state.onlyWrong = wrongBox.checked;
    changed();
  });

  const element = h(
    'div',
    { class: 'questions-panel' },
    summaryLine,
    h('div', { class: 'filters', role: 'group', 'aria-label': 'Filters' }, decisionSelect, textInput, wrongLabel, sectionChip),
    h('div', { class: 'table-wrap' }, table),
    footer,
  );
  render();
  return {
    element,
    setData(newSummary, newResults, newSource, label) {
      summary = newSummary;
      results = newResults;
      source = newSource;
      sectionLabel = label;
      render();
    },
    setFilter(filter) {
      state.filter = { ...filter };
      changed();
    },
  };
}
