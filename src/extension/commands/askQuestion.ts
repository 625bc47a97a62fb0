import * as vscode from 'vscode';
import type { RoutedQuestion } from '../../core/routing/types';
import type { Services } from './services';

/** Asks for a question (or takes one) and shows the bot's answer in the Ask view; returns the routing. */
export function askQuestion({ controller, webviews }: Services) {
  return async (question?: string): Promise<RoutedQuestion | undefined> => {
    const text =
      typeof question === 'string'
        ? question
        : await vscode.window.showInputBox({ title: 'KB Audit: Ask a Question', prompt: 'A question a customer might ask the bot', placeHolder: 'How long does a refund take?' });
    if (!text?.trim()) return undefined;
    await webviews.showAsk(text);
    return await controller.ask(text.trim());
  };
}
