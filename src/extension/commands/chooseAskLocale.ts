import * as vscode from 'vscode';
import { normalizeLocale } from '../../core/locale/codes';
import { localeLayout } from '../../core/locale/scopes';
import type { Services } from './services';

/** Where the choice is kept between sessions, per workspace. */
export const ASK_LOCALE_KEY = 'kbAudit.askLocale';

/**
 * Picks the locale the Ask view answers in, for a translated knowledge base (or takes one); the
 * source's is the default. Returns the locale chosen.
 */
export function chooseAskLocale({ context, controller }: Services) {
  return async (locale?: string): Promise<string | undefined> => {
    const kb = controller.activeEntry()?.session?.kb;
    const layout = kb ? localeLayout(kb) : null;
    if (!layout) {
      void vscode.window.showInformationMessage('KB Audit: this knowledge base has one locale; the Ask view answers from it.');
      return undefined;
    }
    const picked =
      typeof locale === 'string'
        ? normalizeLocale(locale)
        : (
            await vscode.window.showQuickPick(
              layout.locales.map((code) => ({
                label: code,
                description: [code === layout.source ? 'source' : '', code === (controller.askLocale ?? layout.source) ? 'in use' : ''].filter(Boolean).join(' · '),
                code,
              })),
              { title: 'KB Audit: Choose Locale for Ask', placeHolder: 'The locale the Ask view answers questions in' },
            )
          )?.code;
    if (picked === undefined) return undefined;
    if (!layout.locales.includes(picked)) {
      void vscode.window.showErrorMessage(`KB Audit: "${locale}" is not one of the knowledge base's locales (${layout.locales.join(', ')}).`);
      return undefined;
    }
    controller.askLocale = picked === layout.source ? undefined : picked;
    await context.workspaceState.update(ASK_LOCALE_KEY, controller.askLocale);
    return picked;
  };
}
