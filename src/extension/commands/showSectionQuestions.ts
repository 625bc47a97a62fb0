import type { Services } from './services';

/** The preview panel filtered to the questions routed to one section (the CodeLens's click). */
export function showSectionQuestions({ webviews }: Services) {
  return (sectionId: string): void => {
    if (typeof sectionId !== 'string') return;
    webviews.openPanel('questions', { sectionId });
  };
}
