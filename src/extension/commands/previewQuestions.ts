import * as vscode from 'vscode';
import type { PreviewResult } from '../../core/routing/types';
import type { Services } from './services';

/** Opens the preview of every sample question; returns it (undefined when there is no questions file). */
export function previewQuestions({ controller, webviews }: Services) {
  return async (): Promise<PreviewResult | undefined> => {
    const entry = controller.activeEntry();
    webviews.openPanel('questions');
    if (!entry?.preview) {
      void vscode.window.showInformationMessage(entry?.questionsNote || 'KB Audit: no docs folder has been audited yet.');
      return undefined;
    }
    return entry.preview.preview;
  };
}
