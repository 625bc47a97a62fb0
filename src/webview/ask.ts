// The Ask tab: a question box that routes as you type, and the bot's decision, reply and reason.
import type { RoutedView } from '../shared/messages';
import { confidenceText, decisionBadge, h, meter, percent } from './dom';
import { post } from './host';

const DEBOUNCE_MS = 120;

export interface AskPanel {
  element: HTMLElement;
  /** Puts `question` in the box and routes it. */
  setQuestion(question: string): void;
  showAnswer(requestId: number, result: RoutedView | null): void;
  setEnabled(enabled: boolean): void;
  focus(): void;
}

function openButton(file: string, heading: string, line: number): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: 'link', title: `Open ${file}:${line}`, onclick: () => post({ type: 'open', file, line }) },
    h('span', { class: 'file' }, file),
    ' › ',
    h('span', { class: 'heading' }, heading),
  );
}

export function renderResult(result: RoutedView): HTMLElement {
  const card = h('section', { class: `result result-${result.decision}`, 'aria-label': 'What the bot would do' });
  card.append(
    h(
      'div',
      { class: 'result-head' },
      decisionBadge(result.decision),
      h('span', { class: 'confidence' }, 'confidence ', h('strong', {}, confidenceText(result.confidence))),
      meter(result.confidence, `confidence ${percent(result.confidence)}`),
    ),
  );
  if (result.answer) {
    const label = result.decision === 'escalate' ? 'Closest section (not used)' : result.decision === 'clarify' ? 'Best match (the bot asks first)' : 'Reply from';
    card.append(
      h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), openButton(result.answer.file, result.answer.heading, result.answer.line)),
    );
    if (result.decision !== 'escalate') card.append(h('blockquote', { class: 'excerpt' }, result.answer.excerpt));
  }
  card.append(h('p', { class: 'reason' }, h('span', { class: 'field-label' }, 'Why: '), result.reason));
  if (result.alternatives.length > 0) {
    card.append(
      h('div', { class: 'field-label' }, 'Alternatives'),
      h(
        'ul',
        { class: 'alternatives' },
        ...result.alternatives.map((alt) =>
          h('li', {}, openButton(alt.file, alt.heading, alt.line), ' ', h('span', { class: 'muted' }, confidenceText(alt.confidence))),
        ),
      ),
    );
  }
  return card;
}

export function createAskPanel(initialQuestion: string, onQuestionChange: (question: string) => void): AskPanel {
  const input = h('textarea', {
    id: 'ask-input',
    rows: 2,
    maxlength: 1000,
    placeholder: 'e.g. How long does a refund take?',
    'aria-describedby': 'ask-hint',
  });
  input.value = initialQuestion;
  const output = h('div', { id: 'ask-output', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const hint = h('p', { id: 'ask-hint', class: 'muted' }, 'Type a customer question: the result updates as you type.');
  let requestId = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    const question = input.value.trim();
    onQuestionChange(input.value);
    requestId++;
    if (!question) {
      output.replaceChildren();
      return;
    }
    post({ type: 'ask', requestId, question });
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    // Enter routes at once; Shift+Enter is a new line.
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      clearTimeout(timer);
      send();
    }
  });

  const element = h(
    'div',
    { class: 'ask' },
    h('label', { for: 'ask-input', class: 'field-label' }, 'Ask the bot'),
    input,
    hint,
    output,
  );
  return {
    element,
    setQuestion(question) {
      input.value = question;
      clearTimeout(timer);
      send();
    },
    showAnswer(id, result) {
      // Answers to questions since replaced are dropped.
      if (id !== requestId) return;
      output.replaceChildren(result ? renderResult(result) : h('p', { class: 'muted' }, 'The knowledge base is not indexed yet.'));
    },
    setEnabled(enabled) {
      input.disabled = !enabled;
      if (enabled && input.value.trim()) send();
    },
    focus() {
      input.focus();
    },
  };
}
