import * as vscode from 'vscode';
import type { PreviewResult } from '../../core/routing/types';
import type { Tab } from '../../shared/messages';
import type { Services } from './services';

/** Opens the preview of every sample question (on `tab`); returns it (undefined when there is no questions file). */
export function previewQuestions({ controller, webviews }: Services) {
  return async (tab?: Tab): Promise<PreviewResult | undefined> => {
    const entry = controller.activeEntry();
    webviews.openPanel(tab === 'threshold' || tab === 'articles' || tab === 'ask' ? tab : 'questions');
    if (!entry?.preview) {
      void vscode.window.showInformationMessage(entry?.questionsNote || 'KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    return entry.preview.preview;
  };
}
