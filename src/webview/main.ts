// The Ask webview's script: the sidebar Ask view and the preview panel run the same page.
// It renders only what the extension posts, as text, after validating it.
import type { ArticleView, HostMessage, Tab } from '../shared/messages';
import { createArticlesPanel } from './articles';
import { createAskPanel } from './ask';
import { h } from './dom';
import { loadState, onHostMessage, post, saveState, type SavedState } from './host';
import { createQuestionsPanel } from './questions';
import { createThresholdPanel } from './threshold';

const TAB_LABELS: Record<Tab, string> = { ask: 'Ask', questions: 'Questions', threshold: 'Threshold', articles: 'By article' };
const TAB_ORDER: Tab[] = ['ask', 'questions', 'threshold', 'articles'];

function start(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const mode = document.body.dataset.mode === 'panel' ? 'panel' : 'view';
  const state: SavedState = loadState({
    tab: mode === 'panel' ? 'questions' : 'ask',
    question: '',
    filter: {},
    onlyWrong: false,
    sort: { key: 'confidence', descending: true },
  });
  const save = () => saveState(state);

  let sectionLabels = new Map<string, string>();
  const ask = createAskPanel(state.question, (question) => {
    state.question = question;
    save();
  });
  const questions = createQuestionsPanel(state, save);
  const threshold = createThresholdPanel();
  const articles = createArticlesPanel((sectionId) => {
    questions.setFilter({ sectionId });
    select('questions');
  });

  const status = h('div', { class: 'status', id: 'status', role: 'status' });
  const actions = h('div', { class: 'actions' });
  const panels: Record<Tab, HTMLElement> = {
    ask: ask.element,
    questions: questions.element,
    threshold: threshold.element,
    articles: articles.element,
  };
  const tabButtons = {} as Record<Tab, HTMLButtonElement>;
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'KB Audit preview' });
  for (const tab of TAB_ORDER) {
    tabButtons[tab] = h(
      'button',
      { type: 'button', role: 'tab', id: `tab-${tab}`, 'aria-controls': `panel-${tab}`, onclick: () => select(tab) },
      TAB_LABELS[tab],
    );
    tabList.append(tabButtons[tab]);
    panels[tab] = h('div', { role: 'tabpanel', id: `panel-${tab}`, 'aria-labelledby': `tab-${tab}`, class: 'panel' }, panels[tab]);
  }
  // Arrow keys move between tabs, as in every tab strip.
  tabList.addEventListener('keydown', (event) => {
    const i = TAB_ORDER.indexOf(state.tab);
    let next: Tab | undefined;
    if (event.key === 'ArrowRight') next = TAB_ORDER[(i + 1) % TAB_ORDER.length];
    else if (event.key === 'ArrowLeft') next = TAB_ORDER[(i + TAB_ORDER.length - 1) % TAB_ORDER.length];
    else if (event.key === 'Home') next = TAB_ORDER[0];
    else if (event.key === 'End') next = TAB_ORDER[TAB_ORDER.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next);
    tabButtons[next].focus();
  });

  function select(tab: Tab): void {
    state.tab = tab;
    for (const t of TAB_ORDER) {
      const selected = t === tab;
      tabButtons[t].setAttribute('aria-selected', String(selected));
      tabButtons[t].tabIndex = selected ? 0 : -1;
      panels[t].hidden = !selected;
    }
    save();
  }

  const commandButton = (label: string, command: 'runAudit' | 'selectDocsFolder' | 'previewQuestions' | 'openReport') =>
    h('button', { type: 'button', class: 'secondary', onclick: () => post({ type: 'command', command }) }, label);

  let configuredThreshold = 0;
  const handle = (message: HostMessage) => {
    switch (message.type) {
      case 'status': {
        configuredThreshold = message.threshold;
        status.replaceChildren(
          message.state === 'no-docs'
            ? 'No docs folder found.'
            : message.state === 'indexing'
              ? `Indexing ${message.docsLabel}…`
              : `Docs: ${message.docsLabel}`,
          message.message ? h('span', { class: 'muted' }, ` ${message.message}`) : '',
        );
        actions.replaceChildren(
          message.state === 'no-docs' ? commandButton('Choose docs folder…', 'selectDocsFolder') : commandButton('Run audit', 'runAudit'),
          mode === 'view' && message.state === 'ready' ? commandButton('Preview all questions', 'previewQuestions') : '',
        );
        document.body.dataset.state = message.state;
        ask.setEnabled(message.state === 'ready');
        break;
      }
      case 'answer':
        ask.showAnswer(message.requestId, message.result);
        break;
      case 'preview': {
        sectionLabels = labels(message.articles);
        questions.setData(message.summary, message.results, message.source, (id) => sectionLabels.get(id) ?? id);
        threshold.setData(message.sweep, message.summary.threshold, configuredThreshold || message.summary.threshold);
        articles.setData(message.articles, message.results);
        document.body.dataset.preview = 'ready';
        break;
      }
      case 'show':
        if (message.filter) questions.setFilter(message.filter);
        select(message.tab);
        if (message.question !== undefined) ask.setQuestion(message.question);
        if (message.tab === 'ask') ask.focus();
        break;
    }
  };

  root.replaceChildren(h('header', {}, status, actions), tabList, ...TAB_ORDER.map((t) => panels[t]));
  select(state.tab);
  onHostMessage(handle);
  post({ type: 'ready' });
}

function labels(articles: ArticleView[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of articles) for (const s of a.sections) out.set(s.id, `${a.file} › ${s.heading}`);
  return out;
}

start();
