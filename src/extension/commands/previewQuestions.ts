import * as vscode from 'vscode';
import type { PreviewResult } from '../../core/routing/types';
import type { Tab } from '../../shared/messages';
import type { Services } from './services';

/**
 * Opens the preview of every sample question (on `tab`, with `question` in the Ask tab's box);
 * returns it (undefined when there is no questions file).
 */
export function previewQuestions({ controller, webviews }: Services) {
  return async (tab?: Tab, question?: string): Promise<PreviewResult | undefined> => {
    const entry = controller.activeEntry();
    const shown = tab === 'threshold' || tab === 'articles' || tab === 'ask' ? tab : 'questions';
    webviews.openPanel(shown, undefined, typeof question === 'string' ? question.slice(0, 1000) : undefined);
    if (!entry?.preview) {
      void vscode.window.showInformationMessage(entry?.questionsNote || 'KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    return entry.preview.preview;
  };
}
